package dev.crosspt.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For crosspt's own tests: locates the repository's {@code testdata} folder (fixtures, GLUE-format samples).
 *
 * <p>Surefire sets the {@code crosspt.testdata} system property; without it (an IDE, a run from inside a module)
 * the nearest ancestor of the working directory that holds {@code testdata/fixtures} is used.
 */
public final class RepositoryTestData {

    private RepositoryTestData() {}

    /**
     * The {@code testdata} folder.
     *
     * @throws IllegalStateException when neither the property nor an ancestor leads to it
     */
    public static Path root() {
        String property = System.getProperty("crosspt.testdata");
        if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property).resolve("fixtures"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata").resolve("fixtures"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("no testdata/fixtures found: set -Dcrosspt.testdata=DIR or run from inside"
                + " the repository (working directory " + Path.of("").toAbsolutePath() + ")");
    }

    /** A fixture directory, such as {@code t5-tiny-relu}. */
    public static Path fixture(String name) {
        return root().resolve("fixtures").resolve(name);
    }
}
