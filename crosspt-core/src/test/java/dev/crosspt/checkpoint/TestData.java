package dev.crosspt.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the repository's {@code testdata} folder: the {@code crosspt.testdata} system property that
 * surefire sets, or else the nearest ancestor of the working directory that has {@code testdata/fixtures}
 * (for runs from an IDE or from inside a module, where the property is absent or points elsewhere).
 */
final class TestData {

    private TestData() {
    }

    static Path root() {
        String prop = System.getProperty("crosspt.testdata");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop).resolve("fixtures"))) {
            return Path.of(prop);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("testdata").resolve("fixtures"))) {
                return d.resolve("testdata");
            }
        }
        throw new IllegalStateException("no testdata/fixtures found: set -Dcrosspt.testdata=DIR or run from "
                + "inside the repository (working directory " + Path.of("").toAbsolutePath() + ")");
    }

    /** A fixture directory, such as {@code t5-tiny-relu}. */
    static Path fixture(String name) {
        return root().resolve("fixtures").resolve(name);
    }
}
