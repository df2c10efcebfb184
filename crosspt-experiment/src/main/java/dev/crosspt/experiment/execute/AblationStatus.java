package dev.crosspt.experiment.execute;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.execute.CellExecutorProvider;
import dev.crosspt.api.execute.CellRef;
import dev.crosspt.api.execute.ExecutorException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.experiment.Ablation;
import dev.crosspt.experiment.CellClaim;
import dev.crosspt.report.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ablate status OUT}: where each cell of an ablation stands, read from the directory alone (every
 * {@code ablate} records its cells in {@value #CELLS}) and from the executors' queues.
 */
public final class AblationStatus {

    /** The ablation's cells, one per line: key, tab, directory relative to {@code OUT}. */
    public static final String CELLS = "cells.tsv";
    private static final int LOG_LINES = 5;

    /** Where a cell stands. */
    public enum State {
        /** Its done marker is written. */
        DONE,
        /** A worker holds its claim. */
        RUNNING,
        /** Queued by an executor, or never started. */
        PENDING,
        /** Started (it has a log or files) but neither done, running nor queued. */
        FAILED
    }

    /**
     * One cell's line.
     *
     * @param detail who runs it, which job it waits in, or why it counts as failed
     * @param logTail for a failed cell, the last lines of its log
     */
    public record Row(String key, State state, String detail, List<String> logTail) {}

    /**
     * The status of every cell.
     *
     * @param rows one per cell, in grid order
     * @param warnings executors whose queue could not be read (their queued cells then show as failed or pending)
     */
    public record Report(List<Row> rows, List<String> warnings) {

        /** How many cells are in this state. */
        public long count(State state) {
            return rows.stream().filter(r -> r.state() == state).count();
        }
    }

    private AblationStatus() {}

    /** Records the ablation's cells in its directory, so that {@code status} needs nothing but the directory. */
    public static void record(Ablation ablation) {
        StringBuilder s = new StringBuilder();
        Path out = ablation.out().toAbsolutePath();
        for (Ablation.Cell cell : ablation.cells()) {
            s.append(cell.key()).append('\t').append(out.relativize(cell.dir().toAbsolutePath())).append('\n');
        }
        AtomicFiles.writeString(ablation.out().resolve(CELLS), s.toString());
    }

    /**
     * Reads the status of an ablation directory.
     *
     * @throws InvalidInputException when the directory has no {@value #CELLS} (no ablate ran into it)
     */
    public static Report of(Path out) {
        Path index = out.resolve(CELLS);
        if (!Files.isRegularFile(index)) {
            throw new InvalidInputException(out + ": not an ablation directory (no " + CELLS
                    + "; ablate SPEC writes it)");
        }
        List<String> warnings = new ArrayList<>();
        Map<String, String> queued = new HashMap<>();
        for (CellExecutorProvider provider : Plugins.all(CellExecutorProvider.class).values()) {
            try {
                queued.putAll(provider.create(PluginSettings.empty("executor '" + provider.name() + "'"))
                        .queued(out));
            } catch (ExecutorException | InvalidInputException e) {
                // a scheduler that is not installed here, or an executor that needs settings to read its queue
                warnings.add(provider.name() + ": cannot read its queue: " + e.getMessage());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String line : read(index)) {
            String[] f = line.split("\t", 2);
            if (f.length != 2) {
                throw new InvalidInputException(index + ": expected 'key<TAB>directory', got '" + line + "'");
            }
            rows.add(row(f[0], out.resolve(f[1]), queued.get(f[0])));
        }
        return new Report(rows, warnings);
    }

    private static Row row(String key, Path dir, String queued) {
        if (Files.isRegularFile(dir.resolve(Ablation.Cell.DONE_MARKER))) {
            return new Row(key, State.DONE, "", List.of());
        }
        Optional<String> holder = CellClaim.holder(dir);
        if (holder.isPresent()) {
            return new Row(key, State.RUNNING, holder.get(), List.of());
        }
        if (queued != null) {
            return new Row(key, State.PENDING, queued, List.of());
        }
        Path log = dir.resolve(CellRef.LOG);
        boolean started = Files.isRegularFile(log) || Files.isRegularFile(dir.resolve(CellClaim.FILE))
                || Files.isDirectory(dir.resolve("run"));
        if (!started) {
            return new Row(key, State.PENDING, "not started", List.of());
        }
        if (!Files.isRegularFile(log)) {
            return new Row(key, State.FAILED, "stopped before finishing; no " + CellRef.LOG, List.of());
        }
        List<String> lines = read(log);
        return new Row(key, State.FAILED, "stopped before finishing; last lines of " + log,
                lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e + ")", e);
        }
    }
}
