package dev.crosspt.experiment.execute;

import dev.crosspt.api.execute.CellBatch;
import dev.crosspt.api.execute.CellExecutor;
import dev.crosspt.api.execute.CellRef;
import dev.crosspt.api.execute.ExecutorException;
import dev.crosspt.experiment.CellClaim;
import dev.crosspt.report.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits the unfinished cells as one Slurm job array: task {@code i} runs the single-cell entry point for the
 * batch's {@code i}-th cell, appending its output to {@code OUT/cells/<key>/cell.log}. The array's script and
 * the task-to-cell table ({@value #JOBS}) are kept in {@code OUT/slurm/}, so {@code ablate status} can ask
 * {@code squeue} which cells are still queued. Cells already queued or running are not submitted again.
 */
final class SlurmExecutor implements CellExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SlurmExecutor.class);

    /** The executor's folder in the ablation's directory. */
    static final String DIR = "slurm";
    /** One line per submitted task: job id, array index, cell key (tab-separated). */
    static final String JOBS = "jobs.tsv";

    private final SlurmSettings settings;

    SlurmExecutor(SlurmSettings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome execute(CellBatch batch) {
        List<CellRef> cells = batch.cells();
        if (cells.isEmpty()) {
            return new Outcome(true, "");
        }
        Map<String, String> queued = queued(batch.out());
        List<CellRef> submit = new ArrayList<>();
        int inFlight = 0;
        for (CellRef cell : cells) {
            if (queued.containsKey(cell.key()) || CellClaim.holder(cell.dir()).isPresent()) {
                inFlight++;
            } else {
                submit.add(cell);
            }
        }
        StringBuilder message = new StringBuilder();
        if (!submit.isEmpty()) {
            String job = submit(batch, submit);
            message.append("submitted ").append(submit.size()).append(submit.size() == 1 ? " cell" : " cells")
                    .append(" as Slurm job array ").append(job);
        }
        if (inFlight > 0) {
            message.append(message.length() > 0 ? "; " : "").append(inFlight)
                    .append(inFlight == 1 ? " cell was" : " cells were").append(" already queued or running");
        }
        if (!batch.waitForCells()) {
            return new Outcome(false, message + "; follow it with: ablate status " + batch.out());
        }
        LOG.info("{}; waiting for the cells", message);
        await(batch, cells);
        List<String> failed = cells.stream().filter(c -> !batch.done(c)).map(CellRef::key).toList();
        if (!failed.isEmpty()) {
            message.append("; ").append(failed.size()).append(" of ").append(cells.size())
                    .append(" cells left the queue unfinished (failed, cancelled or timed out): ")
                    .append(String.join("; ", failed)).append(". Their logs: OUT/cells/<key>/")
                    .append(CellRef.LOG).append(" (ablate status ").append(batch.out())
                    .append(" shows their last lines); run ablate again to resubmit them");
        }
        return new Outcome(failed.isEmpty(), message.toString());
    }

    @Override
    public Map<String, String> queued(Path out) {
        Path jobs = out.resolve(DIR).resolve(JOBS);
        if (!Files.isRegularFile(jobs)) {
            return Map.of();
        }
        Map<String, String> taskToKey = new LinkedHashMap<>();
        for (String line : readLines(jobs)) {
            String[] f = line.split("\t", 3);
            if (f.length == 3) {
                taskToKey.put(f[0] + "_" + f[1], f[2]);
            }
        }
        // every job of this user, one array task per line; ids that Slurm has forgotten are simply absent
        String listing = Commands.run(List.of(settings.squeue(), "--noheader", "--array", "--user",
                System.getProperty("user.name"), "--format", "%F %K %T"));
        Map<String, String> queued = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && taskToKey.containsKey(f[0] + "_" + f[1])) {
                queued.put(taskToKey.get(f[0] + "_" + f[1]), "slurm job " + f[0] + "_" + f[1] + " " + f[2]);
            }
        }
        return queued;
    }

    private String submit(CellBatch batch, List<CellRef> cells) {
        Path dir = batch.out().toAbsolutePath().resolve(DIR);
        Path script = dir.resolve("array-" + System.currentTimeMillis() + ".sh");
        try {
            for (CellRef cell : cells) {
                Files.createDirectories(cell.dir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(batch.out() + ": cannot create the cells' directories (" + e + ")", e);
        }
        AtomicFiles.writeString(script, SlurmScript.of(batch, cells));
        List<String> command = new ArrayList<>(List.of(settings.sbatch(), "--parsable",
                "--job-name=crosspt-" + batch.name().replaceAll("[^A-Za-z0-9._-]", "_"),
                "--array=0-" + (cells.size() - 1) + (settings.maxParallel() > 0 ? "%" + settings.maxParallel() : ""),
                "--output=" + dir.resolve("%A_%a.out"), "--open-mode=append",
                "--chdir=" + batch.workingDirectory().toAbsolutePath()));
        command.addAll(settings.sbatchArguments());
        command.add(script.toString());
        String printed;
        try {
            printed = Commands.run(command).strip();
        } catch (ExecutorException e) {
            deleteQuietly(script);
            throw e;
        }
        String job = printed.split(";")[0];
        if (!job.matches("[0-9]+")) {
            deleteQuietly(script);
            throw new ExecutorException("`" + String.join(" ", command) + "` printed no job id: '" + printed + "'");
        }
        List<String> lines = new ArrayList<>(Files.isRegularFile(dir.resolve(JOBS)) ? readLines(dir.resolve(JOBS))
                : List.of());
        for (int i = 0; i < cells.size(); i++) {
            lines.add(job + "\t" + i + "\t" + cells.get(i).key());
        }
        AtomicFiles.writeString(dir.resolve(JOBS), String.join("\n", lines) + "\n");
        LOG.info("submitted {} cells as Slurm job array {} ({})", cells.size(), job, script);
        return job;
    }

    /** Polls until none of the cells is in the queue, reporting progress over cells. */
    private void await(CellBatch batch, List<CellRef> cells) {
        Set<String> started = new HashSet<>();
        while (true) {
            batch.progress().done((int) cells.stream().filter(batch::done).count(), cells.size());
            Map<String, String> queued = queued(batch.out());
            boolean waiting = false;
            for (CellRef cell : cells) {
                String state = queued.get(cell.key());
                if (state != null) {
                    waiting = true;
                    if (state.endsWith("RUNNING") && started.add(cell.key())) {
                        batch.progress().started(cell);
                    }
                }
            }
            if (!waiting) {
                batch.progress().done((int) cells.stream().filter(batch::done).count(), cells.size());
                return;
            }
            try {
                Thread.sleep(settings.pollSeconds() * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExecutorException("interrupted while waiting for the Slurm jobs; they keep running"
                        + " (ablate status " + batch.out() + ")", e);
            }
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e + ")", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {} ({})", file, e.toString());
        }
    }
}
