package dev.crosspt.djl.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.crosspt.demo.DemoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SHA256SUMS of a demo model folder: written in {@code sha256sum} format, read back, and a changed or missing file
 * is named. When the build ships a model: its files match their sums, the demo installs it instead of training
 * one, and its tokenizer is the one the current demo vocabulary gives (a vocabulary change needs a new model).
 */
class PinnedDemoModelTest {

    @Test
    void sumsRoundTripAndNameAChangedOrMissingFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.json"), "{}");
        Files.write(dir.resolve("b.bin"), new byte[] {1, 2, 3});
        PinnedDemoModel.writeSums(dir, List.of("a.json", "b.bin"));
        Map<String, String> sums = PinnedDemoModel.parseSums(Files.readString(dir.resolve(PinnedDemoModel.SUMS)));
        assertEquals(List.of("a.json", "b.bin"), List.copyOf(sums.keySet()));
        // sha256sum's value for "{}"
        assertEquals("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", sums.get("a.json"));
        assertEquals(List.of(), PinnedDemoModel.mismatches(dir, sums));

        Files.write(dir.resolve("b.bin"), new byte[] {1, 2, 4});
        Files.delete(dir.resolve("a.json"));
        List<String> bad = PinnedDemoModel.mismatches(dir, sums);
        assertEquals(2, bad.size(), bad::toString);
        assertTrue(bad.get(0).startsWith("a.json: SHA-256 missing"), bad::toString);
        assertTrue(bad.get(1).startsWith("b.bin: SHA-256 "), bad::toString);
    }

    @Test
    void theShippedModelIsInstalledAsRecordedAndMatchesTheVocabulary(@TempDir Path dir) throws IOException {
        Map<String, String> sums = PinnedDemoModel.sums();
        assumeFalse(sums.isEmpty(), "this build ships no demo model");
        assertEquals(DemoModelGenerator.FILES, List.copyOf(sums.keySet()));
        Path model = DemoModelGenerator.ensure(dir.resolve("demo-t5"), line -> { });
        assertTrue(DemoModelGenerator.isComplete(model));
        assertEquals(List.of(), PinnedDemoModel.mismatches(model, sums));
        assertTrue(Files.notExists(dir.resolve("demo-t5.partial")), "the staging folder is left behind");

        Path fresh = DemoModel.ensure(dir.resolve("fresh"), DemoModel.SEED);
        // byte for byte: the file is written in a fixed key order, so its SHA-256 is the same in every JVM
        assertEquals(Files.readString(model.resolve("tokenizer.json")), Files.readString(fresh.resolve("tokenizer.json")));
    }
}
