package dev.crosspt.onnx;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference fixtures: {@code -Dcrosspt.testdata} (set by the root pom) or a walk up. */
final class Fixtures {

    private Fixtures() {}

    static Path dir(String name) {
        String prop = System.getProperty("crosspt.testdata");
        if (prop != null && Files.isDirectory(Path.of(prop, "fixtures", name))) {
            return Path.of(prop, "fixtures", name);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("fixtures").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixture " + name + " not found: set -Dcrosspt.testdata");
    }
}
