package dev.crosspt.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Asks git about the working directory, read-only, giving up after a few seconds. */
final class GitInfo {

    private static final long TIMEOUT_SECONDS = 5;

    private GitInfo() {
    }

    /** The commit of HEAD, or empty if git is missing, fails, or is slow. */
    static Optional<String> revision() {
        return run(List.of("git", "rev-parse", "HEAD")).map(String::strip).filter(s -> s.matches("[0-9a-f]{7,64}"));
    }

    /** Whether the working tree has changes (untracked files included), or empty if git cannot tell. */
    static Optional<Boolean> dirty() {
        return run(List.of("git", "status", "--porcelain")).map(s -> !s.isBlank());
    }

    private static Optional<String> run(List<String> command) {
        Path out = null;
        try {
            // Output goes to a file, not a pipe: a full pipe would stall git and turn into a timeout.
            out = Files.createTempFile("crosspt-git", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile());
            pb.environment().put("GIT_OPTIONAL_LOCKS", "0"); // git status must not rewrite the index
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            Process p = pb.start();
            p.getOutputStream().close(); // no input
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(Files.readString(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover empty temp file is harmless
                }
            }
        }
    }
}
