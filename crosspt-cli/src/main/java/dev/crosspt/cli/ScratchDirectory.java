package dev.crosspt.cli;

import dev.crosspt.io.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary directory for a command's intermediate files, deleted with everything in it on close. */
final class ScratchDirectory implements AutoCloseable {

    private final Path path;

    ScratchDirectory(String prefix) {
        try {
            path = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        Directories.deleteTreeQuietly(path); // a leftover temporary directory is harmless
    }
}
