package dev.crosspt.cli;

import dev.crosspt.djl.demo.DemoModelGenerator;
import dev.crosspt.djl.demo.PinnedDemoModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The demo model for the end-to-end tests, put once into {@code target/test-demo-model} (the copy shipped in the
 * jar) and shared by every test class of the JVM, and by later builds until {@code mvn clean} or a new
 * {@link DemoModelGenerator#RECIPE}. Training one takes minutes, so a build that ships none skips these tests
 * unless {@code -Dcrosspt.demo.generate=true} asks for the training.
 */
final class DemoModelCache {

    private static Path model;

    private DemoModelCache() {}

    /** The model directory, installed on first use; pass it as {@code --model-cache}. */
    static synchronized Path path() {
        if (model == null) {
            Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target")
                    .resolve("test-demo-model");
            Assumptions.assumeTrue(DemoModelGenerator.isComplete(dir) || !PinnedDemoModel.sums().isEmpty()
                    || Boolean.getBoolean("crosspt.demo.generate"),
                    "this build ships no demo model; -Dcrosspt.demo.generate=true trains one (minutes)");
            model = DemoModelGenerator.ensure(dir, line -> System.err.println("[test] " + line));
        }
        return model;
    }
}
