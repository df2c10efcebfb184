package dev.crosspt.cli;

import dev.crosspt.report.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The manifest.json that describes a run directory, for commands that take one (export-onnx, peft export). */
final class RunManifests {

    private RunManifests() {}

    /** The manifest.json in {@code dir} or up to three folders above it (a demo's runs/METHOD/seed-N), or null. */
    static Path above(Path dir) {
        Path at = dir.toAbsolutePath().normalize();
        for (int up = 0; up <= 3 && at != null; up++, at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("manifest.json"))) {
                return at.resolve("manifest.json");
            }
        }
        return null;
    }

    /** The manifest's {@code backbone} entries, or null when there is no manifest or it has none. */
    static Map<?, ?> backbone(Path manifest) {
        if (manifest != null && RunManifest.read(manifest).get("backbone") instanceof Map<?, ?> map) {
            return map;
        }
        return null;
    }
}
