package dev.crosspt.experiment;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.io.Csv;
import dev.crosspt.report.AtomicFiles;
import dev.crosspt.report.ResultRow;
import dev.crosspt.report.ResultsTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The dev-only choice of each arm's tuning values (the paper's practice): for every arm and every point of the
 * grid's axes other than the seed, the combination whose cells have the best mean {@value Ablation#DEV_METRIC}
 * over seeds and tasks; ties go to the combination listed first. Test scores play no part in the choice.
 */
final class Tuning {

    /**
     * What was chosen for one arm at one point.
     *
     * @param arm the arm's label
     * @param point the values of the axes other than the seed, dotted path to value
     * @param tuned the chosen tuning values, dotted path to value (empty when the arm tunes nothing)
     * @param devScore the chosen combination's mean dev score
     * @param candidates how many combinations were compared
     * @param cells the chosen combination's cells, one per seed
     */
    record Choice(String arm, Map<String, Object> point, Map<String, Object> tuned, double devScore, int candidates,
            List<Ablation.Cell> cells) {}

    private final List<Choice> choices = new ArrayList<>();

    /**
     * Chooses among finished cells of a grid with arms.
     *
     * @throws InvalidInputException when a cell has no dev score (it ran before cells recorded one)
     */
    Tuning(List<Ablation.Cell> cells) {
        // arm + point -> combination -> cells, in cell order
        Map<String, Map<String, List<Ablation.Cell>>> groups = new LinkedHashMap<>();
        for (Ablation.Cell cell : cells) {
            Map<String, Object> point = withoutSeed(cell.axes());
            groups.computeIfAbsent(cell.arm() + "|" + Ablation.key(point), k -> new LinkedHashMap<>())
                    .computeIfAbsent(Ablation.key(cell.tuned()), k -> new ArrayList<>()).add(cell);
        }
        for (Map<String, List<Ablation.Cell>> combinations : groups.values()) {
            List<Ablation.Cell> best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (List<Ablation.Cell> candidate : combinations.values()) {
                double score = meanDevScore(candidate);
                if (best == null || score > bestScore) {
                    best = candidate;
                    bestScore = score;
                }
            }
            Ablation.Cell first = best.get(0);
            choices.add(new Choice(first.arm(), withoutSeed(first.axes()), first.tuned(), bestScore,
                    combinations.size(), List.copyOf(best)));
        }
    }

    /** Every choice, in cell order. */
    List<Choice> choices() {
        return List.copyOf(choices);
    }

    /** The chosen cells, in cell order. */
    List<Ablation.Cell> chosenCells() {
        List<Ablation.Cell> out = new ArrayList<>();
        choices.forEach(choice -> out.addAll(choice.cells()));
        return out;
    }

    /** Writes the choices as Markdown and as CSV (one column per tuned or point setting), atomically. */
    void write(Path markdown, Path csv) {
        Set<String> pointKeys = new LinkedHashSet<>();
        Set<String> tunedKeys = new LinkedHashSet<>();
        choices.forEach(c -> {
            pointKeys.addAll(c.point().keySet());
            tunedKeys.addAll(c.tuned().keySet());
        });
        List<String> header = new ArrayList<>();
        header.add("arm");
        header.addAll(pointKeys);
        header.addAll(tunedKeys);
        header.add("dev_score");
        header.add("combinations");
        StringBuilder table = new StringBuilder(Csv.line(header)).append('\n');
        StringBuilder md = new StringBuilder("# Chosen settings per arm\n\nEach arm's tuning values chosen by the best"
                + " mean dev score (over seeds and tasks; ties go to the first listed). Tables, plots and"
                + " comparison.md report the test scores of these cells only; results.csv keeps every cell.\n\n| "
                + String.join(" | ", header) + " |\n|" + ":--|".repeat(header.size()) + "\n");
        for (Choice c : choices) {
            List<String> row = new ArrayList<>();
            row.add(c.arm());
            pointKeys.forEach(k -> row.add(c.point().containsKey(k) ? String.valueOf(c.point().get(k)) : ""));
            tunedKeys.forEach(k -> row.add(c.tuned().containsKey(k) ? String.valueOf(c.tuned().get(k)) : ""));
            row.add(String.valueOf(c.devScore()));
            row.add(String.valueOf(c.candidates()));
            table.append(Csv.line(row)).append('\n');
            List<String> shown = new ArrayList<>(row);
            shown.set(shown.size() - 2, String.format(Locale.ROOT, "%.1f", 100 * c.devScore()));
            md.append("| ").append(String.join(" | ", shown)).append(" |\n");
        }
        AtomicFiles.writeString(csv, table.toString());
        AtomicFiles.writeString(markdown, md.toString());
    }

    private static Map<String, Object> withoutSeed(Map<String, Object> axes) {
        Map<String, Object> out = new LinkedHashMap<>(axes);
        out.remove(Ablation.SEED);
        return out;
    }

    /** The mean of every dev score row (tasks and seeds) of the cells. */
    private static double meanDevScore(List<Ablation.Cell> cells) {
        double sum = 0;
        int n = 0;
        for (Ablation.Cell cell : cells) {
            Path file = cell.dir().resolve("results.csv");
            int before = n;
            for (ResultRow row : ResultsTable.readCsv(file).rows()) {
                if (row.metric().equals(Ablation.DEV_METRIC)) {
                    sum += row.value();
                    n++;
                }
            }
            if (n == before) {
                throw new InvalidInputException(file + ": no '" + Ablation.DEV_METRIC + "' rows, which choosing an arm's"
                        + " tuning values needs; it was written before cells recorded their dev score: delete "
                        + cell.dir() + " and run ablate again");
            }
        }
        return sum / n;
    }
}
