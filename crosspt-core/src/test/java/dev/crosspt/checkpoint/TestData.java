package dev.crosspt.checkpoint;

import dev.crosspt.testkit.RepositoryTestData;
import java.nio.file.Path;

/** The repository's test data, for this package's tests (see {@link RepositoryTestData}). */
final class TestData {

    private TestData() {
    }

    static Path root() {
        return RepositoryTestData.root();
    }

    /** A fixture directory, such as {@code t5-tiny-relu}. */
    static Path fixture(String name) {
        return RepositoryTestData.fixture(name);
    }
}
