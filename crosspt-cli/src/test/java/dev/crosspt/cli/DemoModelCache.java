package dev.crosspt.cli;

import dev.crosspt.djl.demo.DemoModelGenerator;
import java.nio.file.Path;

/**
 * The demo model for the end-to-end tests, put once into {@code target/test-demo-model} (the shipped copy when the
 * build has one, else trained from its recipe) and shared by every test class of the JVM, and by later builds
 * until {@code mvn clean} or a new {@link DemoModelGenerator#RECIPE}.
 */
final class DemoModelCache {

    private static Path model;

    private DemoModelCache() {}

    /** The model directory, generated on first use; pass it as {@code --model-cache}. */
    static synchronized Path path() {
        if (model == null) {
            Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target")
                    .resolve("test-demo-model");
            model = DemoModelGenerator.ensure(dir, line -> System.err.println("[test] " + line));
        }
        return model;
    }
}
