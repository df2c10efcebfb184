package dev.crosspt.report;

import dev.crosspt.api.InvalidInputException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results of an experiment: one {@link ResultRow} per method, task, shot count, seed and metric, with
 * the summaries and tables a paper needs.
 *
 * <p>The CSV form has the header {@code method,task,shots,seed,metric,value}, RFC 4180 quoting and values
 * written with {@link Double#toString(double)}, so that reading a written file gives back the same numbers.
 */
public final class ResultsTable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsTable.class);

    /** What identifies a row; two rows with the same key would be counted twice. */
    record RowKey(String method, String task, int shots, long seed, String metric) {
        static RowKey of(ResultRow r) {
            return new RowKey(r.method(), r.task(), r.shots(), r.seed(), r.metric());
        }
    }

    private final List<ResultRow> rows;

    private ResultsTable(List<ResultRow> rows) {
        this.rows = rows;
    }

    /**
     * Creates a table of the given rows, in their order.
     *
     * @param rows the rows; no two may share method, task, shots, seed and metric, and no task may be named
     *     {@value Summary#MEAN_TASK}, which is reserved for the across-task average
     * @return the table
     * @throws IllegalArgumentException on a duplicate row or a task named {@value Summary#MEAN_TASK}
     */
    public static ResultsTable of(List<ResultRow> rows) {
        List<ResultRow> copy = List.copyOf(rows);
        Set<RowKey> seen = new HashSet<>();
        for (ResultRow r : copy) {
            if (Summary.MEAN_TASK.equals(r.task())) {
                throw new IllegalArgumentException("task name '" + Summary.MEAN_TASK
                        + "' is reserved for the across-task average, got row " + r);
            }
            if (!seen.add(RowKey.of(r))) {
                throw new IllegalArgumentException("duplicate result (same method, task, shots, seed and metric): "
                        + r);
            }
        }
        return new ResultsTable(copy);
    }

    /**
     * The rows, in the order given.
     *
     * @return an unmodifiable list
     */
    public List<ResultRow> rows() {
        return rows;
    }

    /**
     * Writes the table as CSV, atomically.
     *
     * @param file the destination; parent directories are created, an existing file is replaced
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void writeCsv(Path file) {
        AtomicFiles.writeString(file, ResultsCsv.format(rows));
        LOG.debug("wrote {} results to {}", rows.size(), file);
    }

    /**
     * Reads a table written by {@link #writeCsv(Path)} (or by hand in the same format).
     *
     * @param file the CSV file
     * @return the table
     * @throws InvalidInputException if the file is missing or malformed; the message names the file and line
     *     and says what was expected, such as {@code results.csv:7: expected 6 fields, got 5}
     */
    public static ResultsTable readCsv(Path file) {
        List<ResultRow> rows = ResultsCsv.parse(file);
        try {
            return of(rows);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Summarizes the values over seeds.
     *
     * <p>First one {@link Summary} per (method, task, shots, metric), in the order the groups first appear;
     * then one per (method, shots, metric) with task {@value Summary#MEAN_TASK}: for each seed the values of
     * all the group's tasks are averaged, and mean, std and ci95 are taken over those per-seed averages. A seed
     * that lacks some of the group's tasks is left out of that average (with a warning), so that every average
     * covers the same tasks.
     *
     * @return the summaries
     */
    public List<Summary> summarize() {
        return Summaries.of(rows);
    }

    /**
     * Renders one metric as a Markdown table: a caption line ({@code accuracy (%), mean ± std over 3 seeds}),
     * then one row per method (and shot count, when there are several), one column per task and a final
     * {@value Summary#MEAN_TASK} column. Cells read {@code mean ± std}: in percent with one decimal when every
     * value of the metric lies in [0, 1], otherwise with three decimals.
     *
     * @param metric the metric to show
     * @return the caption, a blank line and the table, ending in a newline
     * @throws IllegalArgumentException if no row has this metric; the message lists the metrics there are
     */
    public String toMarkdown(String metric) {
        return MetricTable.of(rows, summarize(), metric).toMarkdown();
    }

    /**
     * Writes {@link #toMarkdown(String)} to a file, atomically.
     *
     * @param file the destination; parent directories are created, an existing file is replaced
     * @param metric the metric to show
     * @throws IllegalArgumentException if no row has this metric
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void writeMarkdown(Path file, String metric) {
        AtomicFiles.writeString(file, toMarkdown(metric));
    }

    /**
     * Renders the same content as {@link #toMarkdown(String)} as a fixed-width plain-text table for a terminal.
     *
     * @param metric the metric to show
     * @return the caption and the table, ending in a newline
     * @throws IllegalArgumentException if no row has this metric; the message lists the metrics there are
     */
    public String toConsoleTable(String metric) {
        return MetricTable.of(rows, summarize(), metric).toConsole();
    }

    /**
     * A short description: the number of rows.
     *
     * @return for example {@code ResultsTable[12 rows]}
     */
    @Override
    public String toString() {
        return "ResultsTable[" + rows.size() + " rows]";
    }

    /**
     * Tables are equal when they hold equal rows in the same order.
     *
     * @param o the other object
     * @return whether {@code o} is a table with the same rows
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ResultsTable t && rows.equals(t.rows);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash of the rows
     */
    @Override
    public int hashCode() {
        return Objects.hash(rows);
    }
}
