package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.io.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where {@code train}, {@code run} and {@code demo} write a run, so that an earlier run is never overwritten
 * silently. A directory that is absent or empty is written in place. One that already holds files is
 * <ul>
 *   <li>continued with {@code --resume};</li>
 *   <li>replaced with {@code --overwrite}: the new run is written beside it and swapped in whole when it
 *       finishes, so a failed or interrupted run leaves the earlier one as it was;</li>
 *   <li>left alone when the directory was the command's default: the run goes to the first free
 *       {@code NAME-2}, {@code NAME-3}, ... beside it;</li>
 *   <li>refused (exit 2) when the user named it, saying which option to add.</li>
 * </ul>
 * Use it as a resource: {@link #path()} is where to write, {@link #commit()} puts a replacement into place,
 * {@link #close()} removes what an uncommitted replacement left.
 */
final class RunDirectory implements AutoCloseable {

    private final Path target;
    private final Path writeTo;
    private boolean committed;

    private RunDirectory(Path target, Path writeTo) {
        this.target = target;
        this.writeTo = writeTo;
    }

    /**
     * Decides where a run goes.
     *
     * @param requested the directory asked for
     * @param option how the user names it in messages ({@code --out}, or a spec's {@code out:})
     * @param givenByUser false when {@code requested} is the command's default, which then moves aside to a fresh name
     * @param resume continue the run in {@code requested}
     * @param overwrite replace the run in {@code requested}
     * @param notice told where a default directory moved to
     * @throws InvalidInputException for both {@code resume} and {@code overwrite}, for {@code --resume} without a
     *     run to continue, or for a directory the user named that already holds files
     */
    static RunDirectory claim(Path requested, String option, boolean givenByUser, boolean resume, boolean overwrite,
            Consumer<String> notice) {
        if (resume && overwrite) {
            throw new InvalidInputException("--resume continues the run in " + requested + " and --overwrite replaces"
                    + " it: give one of them");
        }
        if (Files.exists(requested, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(requested)) {
            throw new InvalidInputException(option + " " + requested + ": is a file, expected a run directory");
        }
        if (resume) {
            if (isEmpty(requested)) {
                throw new InvalidInputException("--resume: " + requested + " holds no run to continue; leave out"
                        + " --resume to start one");
            }
            return new RunDirectory(requested, requested);
        }
        if (isEmpty(requested)) {
            return new RunDirectory(requested, requested);
        }
        if (overwrite) {
            Path staging = sibling(requested, ".", ".writing");
            return new RunDirectory(requested, staging);
        }
        if (!givenByUser) {
            Path fresh = freeName(requested);
            notice.accept(requested + " already holds a run; writing this one to " + fresh
                    + " (--resume continues the earlier run, --overwrite replaces it)");
            return new RunDirectory(fresh, fresh);
        }
        throw new InvalidInputException(option + " " + requested + " already holds a run: add --resume to continue"
                + " it, --overwrite to replace it, or choose another directory (" + freeName(requested)
                + " is free)");
    }

    /** Where the run writes: the directory itself, or, when replacing, a staging directory beside it. */
    Path path() {
        return writeTo;
    }

    /** Where the run is once {@link #commit() committed}. */
    Path target() {
        return target;
    }

    /**
     * Puts the finished run into place. For a replacement the earlier run is moved aside, the new one renamed
     * into its place, and the earlier one deleted; otherwise nothing happens.
     */
    void commit() {
        committed = true;
        if (writeTo.equals(target)) {
            return;
        }
        Path old = sibling(target, ".", ".replaced");
        try {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(writeTo, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the new run " + writeTo + " into " + target, e);
        }
        Directories.deleteTreeQuietly(old);
    }

    /** Deletes the staging directory of a replacement that was not committed; the earlier run stays. */
    @Override
    public void close() {
        if (!committed && !writeTo.equals(target)) {
            Directories.deleteTreeQuietly(writeTo);
        }
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Path freeName(Path requested) {
        for (int n = 2; ; n++) {
            Path candidate = requested.resolveSibling(requested.getFileName() + "-" + n);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
                    || Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS) && isEmpty(candidate)) {
                return candidate;
            }
        }
    }

    /** A hidden name beside {@code dir} that nothing uses yet. */
    private static Path sibling(Path dir, String prefix, String suffix) {
        Path abs = dir.toAbsolutePath().normalize();
        for (int n = 0; ; n++) {
            Path candidate = abs.resolveSibling(prefix + abs.getFileName() + suffix + (n == 0 ? "" : "-" + n));
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
    }
}
