package dev.crosspt.data.glue;

import dev.crosspt.api.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The text and summary fields of a summarisation dataset whose {@code task.json} leaves them out, recognised from
 * the training file's first record (JSON lines) or header row (CSV, TSV): CNN/DailyMail's {@code article} and
 * {@code highlights}, or XSum's {@code document} and {@code summary}.
 */
final class SummaryFields {

    /** Known pairs of (text field, summary field), in the order they are tried. */
    static final List<List<String>> KNOWN = List.of(List.of("article", "highlights"), List.of("document", "summary"));

    private SummaryFields() {
    }

    /**
     * The text field and the summary field.
     *
     * @return {text field, summary field}
     * @throws InvalidInputException naming the file and the fields found when no known pair is there
     */
    static String[] recognise(Path trainFile, FileFormat format) {
        Set<String> found = firstRecordFields(trainFile, format);
        for (List<String> pair : KNOWN) {
            if (found.containsAll(pair)) {
                return pair.toArray(String[]::new);
            }
        }
        throw new InvalidInputException(trainFile + ": found the fields " + found + ", none of the known summary "
                + "pairs " + KNOWN + "; name them with text_fields and label_field");
    }

    private static Set<String> firstRecordFields(Path file, FileFormat format) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": missing required file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                text = line == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
                if (text.isBlank()) {
                    continue;
                }
                return switch (format) {
                    case JSONL -> JsonLines.parseObject(text, file + ":" + line).keySet();
                    case CSV -> Set.copyOf(dev.crosspt.io.Csv.parse(text, file.toString()).get(0).fields().stream()
                            .map(String::trim).toList());
                    case TSV -> Set.copyOf(Arrays.stream(TextLines.splitTabs(text)).map(String::trim).toList());
                    default -> throw new InvalidInputException(file + ": summaries are read from jsonl, csv or tsv, "
                            + "not " + format.specName());
                };
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        throw new InvalidInputException(file + ": empty file, expected a header row or a first record");
    }
}
