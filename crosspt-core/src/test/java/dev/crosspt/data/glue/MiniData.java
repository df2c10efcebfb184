package dev.crosspt.data.glue;

import dev.crosspt.testkit.RepositoryTestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Locates the tiny GLUE and SuperGLUE copies under the repository's {@code testdata}: the
 * {@code crosspt.testdata} system property that surefire sets, or else the nearest ancestor of the working
 * directory that has {@code testdata/glue-mini}.
 */
final class MiniData {

    private MiniData() {
    }

    static Path root() {
        return RepositoryTestData.root();
    }

    /** The GLUE copy's root. */
    static Path glue() {
        return root().resolve("glue-mini");
    }

    /** A GLUE task directory, such as {@code CoLA}. */
    static Path glue(String dir) {
        return glue().resolve(dir);
    }

    /** The SuperGLUE copy's root. */
    static Path superGlue() {
        return root().resolve("superglue-mini");
    }

    /** A SuperGLUE task directory, such as {@code BoolQ}. */
    static Path superGlue(String dir) {
        return superGlue().resolve(dir);
    }

    /** Writes a UTF-8 file, creating its directory. */
    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory's files (not recursively) into another directory. */
    static Path copyDir(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
