package dev.crosspt.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The grid behind {@link ResultsTable#toMarkdown(String)} and {@link ResultsTable#toConsoleTable(String)}: a
 * caption, a header and one row of {@code mean ± std} cells per method (and shot count).
 *
 * @param caption the line above the table
 * @param header the column names
 * @param rows the cells, one list per row, as wide as the header
 * @param labelColumns how many leading columns hold names (method, and shots when shown) rather than numbers
 */
record MetricTable(String caption, List<String> header, List<List<String>> rows, int labelColumns) {

    private static final String MISSING = "-";

    private record RowKey(String method, int shots) {
    }

    static MetricTable of(List<ResultRow> results, List<Summary> summaries, String metric) {
        List<Summary> shown = summaries.stream().filter(s -> s.metric().equals(metric)).toList();
        if (shown.isEmpty()) {
            Set<String> known = new TreeSet<>();
            summaries.forEach(s -> known.add(s.metric()));
            throw new IllegalArgumentException("no results for metric '" + metric + "', the metrics are " + known);
        }
        boolean percent = results.stream().filter(r -> r.metric().equals(metric))
                .allMatch(r -> r.value() >= 0 && r.value() <= 1);
        Set<String> tasks = new LinkedHashSet<>();
        Set<RowKey> keys = new LinkedHashSet<>();
        Set<Integer> shots = new TreeSet<>();
        for (Summary s : shown) {
            if (!s.isTaskMean()) {
                tasks.add(s.task());
            }
            keys.add(new RowKey(s.method(), s.shots()));
            shots.add(s.shots());
        }
        tasks.add(Summary.MEAN_TASK);
        boolean showShots = shots.size() > 1;
        List<String> header = new ArrayList<>(List.of("method"));
        if (showShots) {
            header.add("shots");
        }
        header.addAll(tasks);
        List<List<String>> rows = new ArrayList<>();
        for (RowKey k : keys) {
            List<String> row = new ArrayList<>(List.of(k.method()));
            if (showShots) {
                row.add(Integer.toString(k.shots()));
            }
            for (String task : tasks) {
                row.add(shown.stream()
                        .filter(s -> s.method().equals(k.method()) && s.shots() == k.shots() && s.task().equals(task))
                        .findFirst().map(s -> cell(s, percent)).orElse(MISSING));
            }
            rows.add(row);
        }
        return new MetricTable(caption(metric, percent, shown), header, rows, showShots ? 2 : 1);
    }

    private static String caption(String metric, boolean percent, List<Summary> shown) {
        int min = shown.stream().mapToInt(Summary::n).min().orElseThrow();
        int max = shown.stream().mapToInt(Summary::n).max().orElseThrow();
        String seeds = min == max ? Integer.toString(min) : min + "–" + max;
        return metric + (percent ? " (%)" : "") + ", mean ± std over " + seeds + (max == 1 ? " seed" : " seeds");
    }

    private static String cell(Summary s, boolean percent) {
        double scale = percent ? 100 : 1;
        String format = percent ? "%.1f ± %.1f" : "%.3f ± %.3f";
        return String.format(Locale.ROOT, format, s.mean() * scale, s.std() * scale);
    }

    String toMarkdown() {
        List<String> head = header.stream().map(MetricTable::escape).toList();
        List<List<String>> body = rows.stream().map(r -> r.stream().map(MetricTable::escape).toList()).toList();
        int[] width = widths(head, body);
        StringBuilder sb = new StringBuilder(caption).append("\n\n");
        markdownRow(sb, head, width);
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            sb.append(c < labelColumns ? ":" + "-".repeat(width[c] + 1) : "-".repeat(width[c] + 1) + ":")
                    .append('|');
        }
        sb.append('\n');
        body.forEach(r -> markdownRow(sb, r, width));
        return sb.toString();
    }

    String toConsole() {
        int[] width = widths(header, rows);
        StringBuilder sb = new StringBuilder(caption).append('\n');
        consoleRow(sb, header, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        consoleRow(sb, rule, width);
        rows.forEach(r -> consoleRow(sb, r, width));
        return sb.toString();
    }

    private void markdownRow(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int c = 0; c < cells.size(); c++) {
            sb.append(' ').append(pad(cells.get(c), width[c], c < labelColumns)).append(" |");
        }
        sb.append('\n');
    }

    private void consoleRow(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            line.append(c == 0 ? "" : "  ").append(pad(cells.get(c), width[c], c < labelColumns));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    private static int[] widths(List<String> head, List<List<String>> body) {
        int[] width = new int[head.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(3, head.get(c).length());
            for (List<String> r : body) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        return width;
    }

    private static String pad(String s, int width, boolean left) {
        String fill = " ".repeat(width - s.length());
        return left ? s + fill : fill + s;
    }

    /** Keeps a name from breaking the Markdown table: pipes escaped, line breaks flattened. */
    private static String escape(String s) {
        return s.replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
