package dev.crosspt.data.glue;

import com.google.gson.JsonObject;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import dev.crosspt.io.Csv;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a user's task described by a {@link TaskSpec}.
 *
 * <p>CSV and TSV files start with a header row naming their columns; every row must have as many fields as the
 * header. JSON-lines records need every text field. Splits whose name starts with {@code test} may leave the
 * label out (or empty), and their examples then carry a null label; every other split needs a label on every
 * record. Blank lines are skipped and counted.
 *
 * <p>Labels that the spec leaves out are inferred from the training split: its distinct labels, sorted
 * (numerically when every label is a number, else alphabetically), so the order does not depend on the order
 * of the file. Labels in other splits must then be among them.
 */
public final class SpecTaskReader {

    private static final Logger LOG = LoggerFactory.getLogger(SpecTaskReader.class);

    private SpecTaskReader() {
    }

    /**
     * Reads the task a spec file describes.
     *
     * @param specFile the spec, such as {@code mytask/task.json}; its files are resolved against its directory
     * @throws InvalidInputException on a bad spec, a missing file, a malformed record, an unknown label or an
     *     empty split, naming the file and line
     */
    public static RawTask read(Path specFile) {
        return read(TaskSpec.load(specFile), specFile.toAbsolutePath().getParent());
    }

    /**
     * Reads the task a spec describes.
     *
     * @param spec the spec
     * @param dir the directory its file names are relative to
     * @throws InvalidInputException on a missing file, a malformed record, an unknown label or an empty split
     */
    public static RawTask read(TaskSpec spec, Path dir) {
        boolean infer = spec.kind() == TaskKind.CLASSIFICATION && spec.labels().isEmpty();
        // a generative task's labels are free text: nothing to check them against
        TaskBuilder builder = new TaskBuilder(spec.name(), spec.kind(),
                infer || spec.kind().generative() ? null : spec.labels(),
                -Double.MAX_VALUE, Double.MAX_VALUE);
        List<String> order = new ArrayList<>(spec.files().keySet());
        order.remove("train");
        order.add(0, "train");
        for (String split : order) {
            String fileName = spec.files().get(split);
            Path file = dir.resolve(fileName);
            String label = (dir.getFileName() == null ? "" : dir.getFileName() + "/") + fileName;
            String skipPrefix = spec.name() + " " + fileName + ": ";
            List<RawExample> examples = new ArrayList<>();
            Reader reader = new Reader(spec, split, label, skipPrefix, builder, examples);
            switch (spec.format()) {
                case JSONL -> JsonLines.forEach(file, label, builder, skipPrefix, reader::json);
                case TSV -> TextLines.forEach(file, label, (line, text) ->
                        reader.row(line, text.isEmpty() ? List.of() : Arrays.asList(TextLines.splitTabs(text))));
                case CSV -> Csv.parse(TextLines.readAll(file, label), label)
                        .forEach(r -> reader.row(r.line(), r.blank() ? List.of() : r.fields()));
                case SQUAD -> examples.addAll(QuestionAnswerReader.squad(file, label));
                case MRQA -> examples.addAll(QuestionAnswerReader.mrqa(file, label, builder, skipPrefix));
            }
            boolean headed = spec.format() == FileFormat.CSV || spec.format() == FileFormat.TSV;
            if (headed && reader.columns == null) {
                throw new InvalidInputException(label + ": empty file, expected a header row naming the columns "
                        + columnsWanted(spec) + " and at least one record");
            }
            if (split.equals("train") && infer) {
                List<String> labels = infer(examples);
                LOG.info("task {}: labels inferred from {}: {}", spec.name(), label, labels);
                builder.labels(labels);
            }
            builder.addSplit(split, label, examples, skipPrefix);
        }
        return builder.build();
    }

    private static List<String> columnsWanted(TaskSpec spec) {
        List<String> all = new ArrayList<>(spec.textFields());
        all.add(spec.labelField());
        return all;
    }

    /** The distinct labels, sorted numerically when all are numbers, else alphabetically. */
    static List<String> infer(List<RawExample> examples) {
        Set<String> seen = new LinkedHashSet<>();
        examples.forEach(e -> seen.add(e.label()));
        List<String> labels = new ArrayList<>(seen);
        boolean numeric = labels.stream().allMatch(SpecTaskReader::isNumber);
        labels.sort(numeric ? Comparator.comparing(BigDecimal::new) : Comparator.naturalOrder());
        return labels;
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Turns the records of one file into examples. */
    private static final class Reader {
        private final TaskSpec spec;
        private final String split;
        private final String label;
        private final String skipPrefix;
        private final TaskBuilder builder;
        private final List<RawExample> examples;
        private final boolean labelled;
        private List<String> columns;
        private int labelIndex = -1;
        private final Map<String, Integer> fieldIndex = new LinkedHashMap<>();

        Reader(TaskSpec spec, String split, String label, String skipPrefix, TaskBuilder builder,
                List<RawExample> examples) {
            this.spec = spec;
            this.split = split;
            this.label = label;
            this.skipPrefix = skipPrefix;
            this.builder = builder;
            this.examples = examples;
            this.labelled = GlueTask.isLabelled(split);
        }

        void json(String origin, JsonObject record) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> expected = columnsWanted(spec);
            for (String field : spec.textFields()) {
                values.put(field, JsonLines.required(record, field, origin, expected));
            }
            String raw = JsonLines.string(record, spec.labelField(), origin);
            add(values, raw, origin);
        }

        void row(int line, List<String> fields) {
            String origin = label + ":" + line;
            if (columns == null) {
                header(fields, origin);
                return;
            }
            if (fields.isEmpty()) {
                builder.skip(skipPrefix + "blank lines", origin);
                return;
            }
            if (fields.size() != columns.size()) {
                throw new InvalidInputException(origin + ": expected " + columns.size() + " "
                        + spec.format().specName().toUpperCase(Locale.ROOT) + " fields (" + columns
                        + "), found " + fields.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            fieldIndex.forEach((name, i) -> values.put(name, fields.get(i)));
            add(values, labelIndex < 0 ? null : fields.get(labelIndex), origin);
        }

        private void header(List<String> fields, String origin) {
            columns = fields.stream().map(String::trim).toList();
            for (String field : spec.textFields()) {
                int i = columns.indexOf(field);
                if (i < 0) {
                    throw new InvalidInputException(origin + ": the header has no column '" + field + "' (found "
                            + columns + ", expected " + columnsWanted(spec) + ")");
                }
                fieldIndex.put(field, i);
            }
            labelIndex = columns.indexOf(spec.labelField());
            if (labelIndex < 0 && labelled) {
                throw new InvalidInputException(origin + ": the header has no label column '" + spec.labelField()
                        + "' (found " + columns + "); only test splits may leave labels out");
            }
        }

        private void add(Map<String, String> values, String raw, String origin) {
            if (raw != null && raw.isEmpty()) {
                raw = null;
            }
            if (raw == null && labelled) {
                throw new InvalidInputException(origin + ": missing label '" + spec.labelField() + "' (split '"
                        + split + "' needs labels; only test splits may leave them out)");
            }
            if (raw != null) {
                builder.checkLabel(raw, origin);
            }
            examples.add(new RawExample(values, raw, origin));
        }
    }
}
