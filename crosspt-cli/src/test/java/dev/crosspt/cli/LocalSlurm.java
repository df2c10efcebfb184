package dev.crosspt.cli;

import dev.crosspt.testkit.RepositoryTestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real one-node Slurm for a test class: one that is already up is used as it is; otherwise
 * {@code scripts/slurm-local.sh up} starts it (installing slurm-wlm and munge with apt-get when missing) and
 * {@code down} stops what it started once the test run ends. When it cannot start, the tests fail with the script's
 * output: a Slurm test never passes without Slurm.
 */
final class LocalSlurm implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (up()) {
            return;
        }
        Path script = script();
        Result started = run(List.of("bash", script.toString(), "up"), 300);
        if (started.exit() != 0 || !up()) {
            throw new IllegalStateException("could not start a local Slurm with " + script + " up (exit "
                    + started.exit() + "):\n" + started.output());
        }
        context.getRoot().getStore(ExtensionContext.Namespace.create(LocalSlurm.class))
                .put("down", (AutoCloseable) () -> run(List.of("bash", script.toString(),
                        "down"), 60));
    }

    /** Whether a Slurm answers and its node can take jobs. */
    static boolean up() {
        try {
            Result sinfo = run(List.of("sinfo", "--noheader", "--format", "%T"), 20);
            return sinfo.exit() == 0 && sinfo.output().matches("(?s).*\\b(idle|mixed|allocated).*");
        } catch (IOException e) {
            return false; // no sinfo: not installed
        }
    }

    static Path script() {
        return RepositoryTestData.root().toAbsolutePath().getParent().resolve("scripts").resolve("slurm-local.sh");
    }

    record Result(int exit, String output) {}

    static Result run(List<String> command, int timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(timed out after " + timeoutSeconds + " s)");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
