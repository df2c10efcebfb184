package dev.crosspt.report;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.io.Csv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Router weights as CSV: a header {@code task,<source1>,<source2>,...}, then one line per task holding its
 * weight for each source prompt. Names are quoted as RFC 4180 requires; numbers are written with
 * {@link Double#toString(double)} so that reading gives back exactly what was written.
 */
public final class RouterWeightsFile {

    private static final String TASK = "task";

    private RouterWeightsFile() {
    }

    /**
     * Writes the weights, atomically.
     *
     * @param csv the destination; parent directories are created, an existing file is replaced
     * @param tasks the row names; not empty, no duplicates
     * @param sources the column names; not empty, no duplicates
     * @param weights {@code weights[task][source]}, all finite
     * @throws IllegalArgumentException if the shape of {@code weights} is not tasks x sources (the message gives
     *     both shapes), a weight is not finite, or a name is blank or repeated
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(Path csv, List<String> tasks, List<String> sources, double[][] weights) {
        PlotData.requireMatrix(tasks, sources, weights, false);
        requireNames("task", tasks);
        requireNames("source", sources);
        List<String> header = new ArrayList<>(List.of(TASK));
        header.addAll(sources);
        StringBuilder sb = new StringBuilder(Csv.line(header)).append('\n');
        for (int t = 0; t < tasks.size(); t++) {
            List<String> line = new ArrayList<>(List.of(tasks.get(t)));
            for (double w : weights[t]) {
                line.add(Double.toString(w));
            }
            sb.append(Csv.line(line)).append('\n');
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    /**
     * Reads weights written by {@link #write}.
     *
     * @param csv the file
     * @param tasksOut cleared, then filled with the task names in file order
     * @param sourcesOut cleared, then filled with the source names in file order
     * @return {@code weights[task][source]}
     * @throws InvalidInputException if the file is missing or malformed; the message names the file and line
     *     and says what was expected
     */
    public static double[][] read(Path csv, List<String> tasksOut, List<String> sourcesOut) {
        Objects.requireNonNull(tasksOut, "tasksOut");
        Objects.requireNonNull(sourcesOut, "sourcesOut");
        String label = csv.toString();
        List<Csv.Record> records = Csv.parse(TextFiles.read(csv), label).stream().filter(r -> !r.blank()).toList();
        if (records.isEmpty()) {
            throw new InvalidInputException(label + ": empty file, expected a header task,<source1>,...");
        }
        Csv.Record header = records.get(0);
        List<String> sources = header.fields().subList(1, header.fields().size());
        if (!header.fields().get(0).equals(TASK) || sources.isEmpty()) {
            throw new InvalidInputException(label + ":" + header.line()
                    + ": expected a header task,<source1>,... with at least one source, got " + Csv.line(
                    header.fields()));
        }
        requireUnique(label, header.line(), "source", sources);
        List<String> tasks = new ArrayList<>();
        double[][] weights = new double[records.size() - 1][];
        for (int r = 1; r < records.size(); r++) {
            Csv.Record rec = records.get(r);
            String where = label + ":" + rec.line() + ": ";
            List<String> f = rec.fields();
            if (f.size() != sources.size() + 1) {
                throw new InvalidInputException(where + "expected " + (sources.size() + 1) + " fields, got "
                        + f.size());
            }
            if (f.get(0).isBlank() || tasks.contains(f.get(0))) {
                throw new InvalidInputException(where + "expected a new, non-blank task name, got '" + f.get(0)
                        + "'");
            }
            tasks.add(f.get(0));
            weights[r - 1] = new double[sources.size()];
            for (int s = 0; s < sources.size(); s++) {
                double w = Csv.parseDouble(where, "source '" + sources.get(s) + "'", f.get(s + 1));
                if (!Double.isFinite(w)) {
                    throw new InvalidInputException(where + "source '" + sources.get(s)
                            + "': expected a finite number, got '" + f.get(s + 1) + "'");
                }
                weights[r - 1][s] = w;
            }
        }
        if (tasks.isEmpty()) {
            throw new InvalidInputException(label + ": no task lines after the header, expected at least one");
        }
        tasksOut.clear();
        tasksOut.addAll(tasks);
        sourcesOut.clear();
        sourcesOut.addAll(sources);
        return weights;
    }

    private static void requireNames(String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank() || !seen.add(n)) {
                throw new IllegalArgumentException(what + " names must be non-blank and distinct, got " + names);
            }
        }
    }

    private static void requireUnique(String label, int line, String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n.isBlank() || !seen.add(n)) {
                throw new InvalidInputException(label + ":" + line + ": expected non-blank, distinct " + what
                        + " names, got '" + n + "'");
            }
        }
    }
}
