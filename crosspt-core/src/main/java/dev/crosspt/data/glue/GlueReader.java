package dev.crosspt.data.glue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one GLUE task directory of the official {@code glue_data} download.
 *
 * <p>The files are tab-separated and not quoted: a quote is an ordinary character, as with Python's
 * {@code csv.QUOTE_NONE} in the official loaders. Columns are found by their header names; CoLA's train and dev
 * files, which have no header, by position. A row with the wrong number of fields is an error naming the file
 * and line, except in QQP, whose real files contain such rows: there they are skipped and counted under
 * {@code "qqp <file>: rows with missing fields"} (or {@code "... extra fields"}). MNLI rows whose
 * {@code gold_label} is {@code -} or empty are skipped and counted the same way. Blank lines are skipped and
 * counted. Test splits have no labels: their examples carry a null label.
 *
 * <p>The training file is required; the other split files are read when present.
 */
public final class GlueReader {

    private GlueReader() {
    }

    /**
     * Reads a GLUE task.
     *
     * @param dir the task's directory, such as {@code glue_data/RTE}
     * @param task which task it holds
     * @return the task with one split per split file present
     * @throws InvalidInputException on a missing training file, a malformed row, an unknown label or an empty split
     */
    public static RawTask read(Path dir, GlueTask task) {
        TaskBuilder builder = new TaskBuilder(task.taskName(), task.kind(), task.labels(), 0, 5);
        String dirLabel = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        for (Map.Entry<String, String> split : task.files().entrySet()) {
            Path file = dir.resolve(split.getValue());
            if (!split.getKey().equals("train") && !Files.isRegularFile(file)) {
                continue;
            }
            readSplit(task, file, dirLabel + "/" + split.getValue(), split.getKey(), builder);
        }
        return builder.build();
    }

    private static void readSplit(GlueTask task, Path file, String label, String split, TaskBuilder builder) {
        boolean labelled = GlueTask.isLabelled(split);
        String skipPrefix = task.taskName() + " " + file.getFileName() + ": ";
        List<RawExample> examples = new ArrayList<>();
        // one slot, filled from the header line (or up front for a file without one) by the line handler
        Columns[] columns = {task.implicitHeader(split) == null ? null : Columns.of(task, labelled,
                task.implicitHeader(split), label + ":1", false)};
        int lines = TextLines.forEach(file, label, (line, text) -> {
            String origin = label + ":" + line;
            if (columns[0] == null) {
                columns[0] = Columns.of(task, labelled, Arrays.asList(TextLines.splitTabs(text)), origin, true);
                return;
            }
            if (text.isEmpty()) {
                builder.skip(skipPrefix + "blank lines", origin);
                return;
            }
            String[] fields = TextLines.splitTabs(text);
            Columns c = columns[0];
            if (fields.length != c.width) {
                if (task.skipsMalformedRows()) {
                    builder.skip(skipPrefix + (fields.length < c.width ? "rows with missing fields"
                            : "rows with extra fields"), origin);
                    return;
                }
                throw new InvalidInputException(origin + ": expected " + c.width + " tab-separated fields ("
                        + String.join(", ", c.header) + "), found " + fields.length);
            }
            String rawLabel = null;
            if (labelled) {
                rawLabel = fields[c.label];
                if (task.skipsRowsWithoutGoldLabel() && (rawLabel.isEmpty() || rawLabel.equals("-"))) {
                    builder.skip(skipPrefix + "rows with gold_label '-' or empty (no annotator consensus)", origin);
                    return;
                }
                builder.checkLabel(rawLabel, origin);
            }
            Map<String, String> values = new LinkedHashMap<>();
            c.fields.forEach((name, index) -> values.put(name, fields[index]));
            examples.add(new RawExample(values, rawLabel, origin));
        });
        if (lines == 0) {
            throw new InvalidInputException(label + ": empty file, expected "
                    + (task.implicitHeader(split) == null ? "a header row and " : "") + "at least one record"
                    + " (split '" + split + "' of task '" + task.taskName() + "')");
        }
        builder.addSplit(split, label, examples, skipPrefix);
    }

    /** Where the fields of one file are: its width, the text fields' indexes and the label's. */
    private static final class Columns {
        final List<String> header;
        final int width;
        final Map<String, Integer> fields = new LinkedHashMap<>();
        int label = -1;

        private Columns(List<String> header) {
            this.header = header;
            this.width = header.size();
        }

        static Columns of(GlueTask task, boolean labelled, List<String> header, String origin, boolean read) {
            List<String> names = header.stream().map(String::trim).toList();
            Columns c = new Columns(names);
            for (Map.Entry<String, String> e : task.columns().entrySet()) {
                c.fields.put(e.getKey(), find(names, e.getValue(), origin, read));
            }
            if (labelled) {
                c.label = find(names, task.labelColumn(), origin, read);
            }
            return c;
        }

        private static int find(List<String> header, String column, String origin, boolean read) {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new InvalidInputException(origin + ": the header has no column '" + column + "'"
                        + (read ? " (found " + header + ")" : ""));
            }
            return i;
        }
    }
}
