package dev.crosspt.data.glue;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas; a field in double quotes may hold commas, tabs, line breaks and
 * doubled quotes. Lines may end in {@code \n} or {@code \r\n}. Records keep the line they start on.
 */
final class CsvText {

    /** One record and the 1-based line it starts on; a blank line is a record with no fields. */
    record Record(int line, List<String> fields) {
    }

    private CsvText() {
    }

    /**
     * Splits a file's text into records.
     *
     * @param label how error messages name the file
     * @throws InvalidInputException on a quote inside an unquoted field, text after a closing quote, or an
     *     unterminated quoted field, naming the line
     */
    static List<Record> parse(String text, String label) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean closed = false;
        boolean any = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        closed = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                closed = false;
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
                if (any || field.length() > 0 || closed) {
                    fields.add(field.toString());
                }
                records.add(new Record(start, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                closed = false;
                any = false;
                line++;
                start = line;
            } else if (c == '"') {
                if (field.length() > 0 || closed) {
                    throw new InvalidInputException(label + ":" + line + ": a quote inside an unquoted field "
                            + "(RFC 4180 CSV: quote the whole field and double the quotes inside)");
                }
                quoted = true;
            } else {
                if (closed) {
                    throw new InvalidInputException(label + ":" + line + ": text after the closing quote of a "
                            + "field, expected a comma or the end of the line");
                }
                field.append(c);
            }
        }
        if (quoted) {
            throw new InvalidInputException(label + ":" + start + ": a quoted field is not closed before the end "
                    + "of the file");
        }
        if (any || field.length() > 0 || closed) {
            fields.add(field.toString());
            records.add(new Record(start, List.copyOf(fields)));
        }
        return records;
    }
}
