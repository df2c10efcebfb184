package dev.crosspt.report;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.io.Csv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The CSV form of a {@link ResultsTable}: header {@value #HEADER}, one {@link ResultRow} per line. */
final class ResultsCsv {

    /** The exact header line. */
    static final String HEADER = "method,task,shots,seed,metric,value";

    private static final int FIELDS = 6;

    private ResultsCsv() {
    }

    static String format(List<ResultRow> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (ResultRow r : rows) {
            sb.append(Csv.line(List.of(r.method(), r.task(), Integer.toString(r.shots()), Long.toString(r.seed()),
                    r.metric(), Double.toString(r.value())))).append('\n');
        }
        return sb.toString();
    }

    static List<ResultRow> parse(Path file) {
        String label = file.toString();
        List<Csv.Record> records = Csv.parse(TextFiles.read(file), label).stream().filter(r -> !r.blank()).toList();
        if (records.isEmpty()) {
            throw new InvalidInputException(label + ": empty file, expected the header " + HEADER);
        }
        Csv.Record header = records.get(0);
        if (!Csv.line(header.fields()).equals(HEADER)) {
            throw new InvalidInputException(label + ":" + header.line() + ": expected the header " + HEADER
                    + ", got " + Csv.line(header.fields()));
        }
        List<ResultRow> rows = new ArrayList<>();
        Map<ResultsTable.RowKey, Integer> seen = new HashMap<>();
        for (Csv.Record rec : records.subList(1, records.size())) {
            String where = label + ":" + rec.line() + ": ";
            List<String> f = rec.fields();
            if (f.size() != FIELDS) {
                throw new InvalidInputException(where + "expected " + FIELDS + " fields, got " + f.size());
            }
            ResultRow row;
            try {
                row = new ResultRow(f.get(0), f.get(1), parseInt(where, "shots", f.get(2)),
                        parseLong(where, "seed", f.get(3)), f.get(4), Csv.parseDouble(where, "value", f.get(5)));
            } catch (IllegalArgumentException e) { // ResultRow's validation
                throw new InvalidInputException(where + e.getMessage(), e);
            }
            Integer previous = seen.putIfAbsent(ResultsTable.RowKey.of(row), rec.line());
            if (previous != null) {
                throw new InvalidInputException(where + "duplicate of line " + previous + " (same method, task, "
                        + "shots, seed and metric), expected each result once");
            }
            rows.add(row);
        }
        return rows;
    }

    private static int parseInt(String where, String what, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + what + ": expected an integer, got '" + text + "'", e);
        }
    }

    private static long parseLong(String where, String what, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + what + ": expected an integer, got '" + text + "'", e);
        }
    }
}
