package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.report.ResultRow;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.report.RouterWeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    /** A finished run with results at {@code shots} for two methods, two tasks and two seeds. */
    private Path run(String name, int shots) {
        Path run = dir.resolve(name);
        List<ResultRow> rows = new ArrayList<>();
        for (String method : List.of("P", "SLP")) {
            for (long seed : List.of(1L, 2L)) {
                rows.add(new ResultRow(method, "rte", shots, seed, "accuracy", 0.5 + shots / 100.0 + seed / 100.0));
                rows.add(new ResultRow(method, "mrpc", shots, seed, "accuracy", 0.6 + seed / 100.0));
            }
        }
        ResultsTable.of(rows).writeCsv(run.resolve("results.csv"));
        RouterWeightsFile.write(run.resolve("runs/SLP/seed-1/router-weights.csv"), List.of("rte", "mrpc"),
                List.of("source-1", "private"), new double[][] {{0.25, 0.75}, {0.5, 0.5}});
        return run;
    }

    @Test
    void mergesRunsAtDifferentShotsIntoOneTableAndPlots() throws Exception {
        Path out = dir.resolve("report");
        CliTestSupport.Run run = CliTestSupport.run("report", run("k8", 8).toString(), run("k32", 32).toString(),
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(16, ResultsTable.readCsv(out.resolve("results.csv")).rows().size());
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("SLP") && markdown.contains("rte") && markdown.contains("mrpc"), markdown);
        assertNotNull(ImageIO.read(out.resolve("plots/accuracy-vs-shots.png").toFile()));
        // one heatmap per method and shot count, never averaged across shots
        assertNotNull(ImageIO.read(out.resolve("plots/router-SLP-8-shots.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("plots/router-SLP-32-shots.png").toFile()));
    }

    /** Train runs (or ablation cells) that differ only in seed share one heatmap, the mean of their weights. */
    @Test
    void runsDifferingOnlyInSeedShareOneHeatmap() throws Exception {
        List<Path> runs = new ArrayList<>();
        double[][][] weights = {{{0.2, 0.8}, {0.4, 0.6}}, {{0.6, 0.4}, {0.8, 0.2}}};
        for (int seed = 1; seed <= 2; seed++) {
            runs.add(trainRun("slp-seed" + seed, List.of("rte", "mrpc"), seed, weights[seed - 1]));
        }
        Path out = report(runs);
        assertNotNull(ImageIO.read(out.resolve("plots/router-SLP-16-shots.png").toFile()));
        List<String> tasks = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        double[][] mean = RouterWeightsFile.read(out.resolve("plots/router-SLP-16-shots.csv"), tasks, sources);
        assertEquals(List.of("rte", "mrpc"), tasks);
        assertEquals(0.4, mean[0][0], 1e-9);
        assertEquals(0.4, mean[1][1], 1e-9);
        try (var plots = Files.list(out.resolve("plots"))) {
            assertEquals(1, plots.filter(p -> p.getFileName().toString().startsWith("router-")
                    && p.getFileName().toString().endsWith(".png")).count(), "one heatmap, not one per run");
        }
    }

    /** Runs of one method and shot count over other tasks get heatmaps of their own, never a mixed mean. */
    @Test
    void runsOverOtherTasksAreNotAveragedTogether() throws Exception {
        List<Path> runs = new ArrayList<>();
        for (List<String> tasks : List.of(List.of("rte", "mrpc"), List.of("cola", "sst2"))) {
            runs.add(trainRun(tasks.get(0) + "-run", tasks, 1, new double[][] {{0.2, 0.8}, {0.4, 0.6}}));
        }
        Path out = report(runs);
        assertNotNull(ImageIO.read(out.resolve("plots/router-SLP-16-shots.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("plots/router-SLP-16-shots-cola-run.png").toFile()));
        List<String> tasks = new ArrayList<>();
        RouterWeightsFile.read(out.resolve("plots/router-SLP-16-shots-cola-run.csv"), tasks, new ArrayList<>());
        assertEquals(List.of("cola", "sst2"), tasks);
    }

    /** A finished {@code train} run: SLP at 16 shots on two tasks, with its router weights at the run's root. */
    private Path trainRun(String name, List<String> tasks, long seed, double[][] weights) {
        Path run = dir.resolve(name);
        ResultsTable.of(List.of(new ResultRow("SLP", tasks.get(0), 16, seed, "accuracy", 0.5),
                new ResultRow("SLP", tasks.get(1), 16, seed, "accuracy", 0.6))).writeCsv(run.resolve("results.csv"));
        RouterWeightsFile.write(run.resolve("router-weights.csv"), tasks, List.of("source-1", "private"), weights);
        return run;
    }

    /** Runs {@code report} over the runs into {@code dir/report}, expecting success. */
    private Path report(List<Path> runs) {
        Path out = dir.resolve("report");
        List<String> args = new ArrayList<>(List.of("report"));
        runs.forEach(r -> args.add(r.toString()));
        args.addAll(List.of("--out", out.toString()));
        CliTestSupport.Run run = CliTestSupport.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    @Test
    void theSameRowInTwoRunsIsAnError() {
        Path once = run("a", 8);
        CliTestSupport.Run run = CliTestSupport.run("report", once.toString(), once.toString(), "--out",
                dir.resolve("report").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("crosspt: "), run.err());
    }

    @Test
    void aDirectoryWithoutResultsIsNamed() {
        CliTestSupport.Run run = CliTestSupport.run("report", dir.resolve("nothing").toString(), "--out",
                dir.resolve("report").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("results.csv"), run.err());
    }

    @Test
    void anUnknownMetricListsTheOnesThereAre() {
        CliTestSupport.Run run = CliTestSupport.run("report", run("k8", 8).toString(), "--metric", "f1", "--out",
                dir.resolve("report").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("accuracy"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(Files.notExists(dir.resolve("report/results.csv")), "nothing is written for a bad metric");
    }
}
