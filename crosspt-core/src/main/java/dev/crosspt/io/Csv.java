package dev.crosspt.io;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, the one parser and writer crosspt has (results tables, router weights, users' CSV datasets):
 * fields that hold a comma, a double quote or a line break are quoted, quotes inside doubled. Lines end in
 * {@code \n}; {@code \r\n} is accepted on reading.
 */
public final class Csv {

    /**
     * One record and the (1-based) line it starts on, for error messages.
     *
     * @param line where the record starts
     * @param fields its fields; a blank line is one empty, unquoted field
     * @param blank true for a line with nothing on it (readers skip or count these)
     */
    public record Record(int line, List<String> fields, boolean blank) {
    }

    private Csv() {
    }

    /** Joins fields into one line (without the line ending), quoting those that need it. */
    public static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(fields.get(i)));
        }
        return sb.toString();
    }

    /** The field as it appears in a CSV line. */
    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0
                && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * Splits text into records, blank lines included (marked {@link Record#blank()}).
     *
     * @param label the file name that error messages start with
     * @throws InvalidInputException on a stray or unterminated quote, naming the line
     */
    public static List<Record> parse(String text, String label) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false; // inside a quoted field
        boolean wasQuoted = false; // the current field was quoted and has been closed
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                    wasQuoted = true;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                add(records, start, fields, wasQuoted);
                fields = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                start = ++line;
            } else if (wasQuoted) {
                throw new InvalidInputException(label + ":" + line + ": unexpected '" + c
                        + "' after a closing quote, expected ',' or the end of the line");
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new InvalidInputException(label + ":" + line
                            + ": stray '\"' inside an unquoted field, expected the whole field in quotes");
                }
                quoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InvalidInputException(label + ":" + start
                    + ": quoted field is never closed, expected a closing '\"'");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            add(records, start, fields, wasQuoted);
        }
        return records;
    }

    private static void add(List<Record> records, int line, List<String> fields, boolean quoted) {
        boolean blank = fields.size() == 1 && fields.get(0).isEmpty() && !quoted;
        records.add(new Record(line, List.copyOf(fields), blank));
    }

    /**
     * Parses a number field.
     *
     * @param where the error-message prefix naming file and line, such as {@code "w.csv:3: "}
     * @param what the field name
     * @throws InvalidInputException if the text is not a number
     */
    public static double parseDouble(String where, String what, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + what + ": expected a number, got '" + text + "'", e);
        }
    }
}
