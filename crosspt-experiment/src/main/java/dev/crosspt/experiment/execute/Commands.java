package dev.crosspt.experiment.execute;

import dev.crosspt.api.execute.ExecutorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a scheduler's command (sbatch, squeue) and returns its output, or fails naming the command and its stderr. */
final class Commands {

    private Commands() {}

    /**
     * Runs the command to completion.
     *
     * @return its standard output
     * @throws ExecutorException when it cannot start or exits non-zero, with the command line and its stderr
     */
    static String run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new ExecutorException("cannot run `" + String.join(" ", command) + "`: " + e.getMessage()
                    + " (is Slurm installed, and " + command.get(0) + " on the PATH?)", e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            int exit = process.waitFor();
            String stderr = err.join().strip();
            if (exit != 0) {
                throw new ExecutorException("`" + String.join(" ", command) + "` failed with exit code " + exit
                        + (stderr.isEmpty() ? " and printed nothing on stderr" : ": " + stderr));
            }
            return out;
        } catch (IOException e) {
            throw new ExecutorException("`" + String.join(" ", command) + "`: " + e, e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new ExecutorException("interrupted while waiting for `" + String.join(" ", command) + "`", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read: " + e + ")";
        }
    }
}
