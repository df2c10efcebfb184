package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weights' fingerprint tells checkpoints of one shape but other values apart, and is the same for a copy of a
 * checkpoint wherever it lies and however its tensors are split into files.
 */
class WeightsFingerprintTest {

    private static final Path FIXTURE = TestData.fixture("t5-tiny-relu");

    @TempDir
    Path dir;

    /**
     * Writes the fixture's tensors as F32 (as stored) into {@code name}, after {@code change} saw each one's name
     * and values, and copies its config.json.
     */
    private Path checkpoint(String name, BiConsumer<String, float[]> change) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        try (TensorStore store = TensorStore.open(FIXTURE)) {
            for (String tensor : store.names()) {
                float[] values = store.readFloats(tensor);
                change.accept(tensor, values);
                writer.putFloats(tensor, store.info(tensor).shape(), values, DType.F32);
            }
        }
        writer.write(out.resolve("model.safetensors"));
        Files.copy(FIXTURE.resolve("config.json"), out.resolve("config.json"));
        return out;
    }

    private Path copy(String name) throws IOException {
        return checkpoint(name, (tensor, values) -> { });
    }

    @Test
    void aCopyInAnotherFolderHasTheSameFingerprint() throws IOException {
        String original = WeightsFingerprint.of(FIXTURE);
        assertTrue(original.matches("sha256:[0-9a-f]{16}"), original);
        Path copy = copy("elsewhere/deeper/copy");
        assertNotEquals(FIXTURE.toAbsolutePath(), copy.toAbsolutePath());
        assertEquals(original, WeightsFingerprint.of(copy));
        assertEquals(original, WeightsFingerprint.of(FIXTURE), "the same each time");
    }

    @Test
    void checkpointsOfTheSameShapeWithOtherWeightsDiffer() throws IOException {
        Path a = copy("a");
        // every tensor's shape, dtype and name as in a; only the values differ
        Path b = checkpoint("b", (tensor, values) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] * 0.5f + 0.01f;
            }
        });
        // a single value at the start of one tensor is enough
        Path c = checkpoint("c", (tensor, values) -> {
            if (tensor.equals("encoder.block.1.layer.0.SelfAttention.q.weight")) {
                values[3] += 1;
            }
        });
        String fa = WeightsFingerprint.of(a);
        assertNotEquals(fa, WeightsFingerprint.of(b));
        assertNotEquals(fa, WeightsFingerprint.of(c));
        assertNotEquals(WeightsFingerprint.of(b), WeightsFingerprint.of(c));
    }

    @Test
    void anotherConfigurationDiffers() throws IOException {
        Path a = copy("a");
        String before = WeightsFingerprint.of(a);
        JsonObject config = Json.parse(Files.readString(a.resolve("config.json")), true, "config.json", null)
                .getAsJsonObject();
        config.addProperty("dropout_rate", 0.1);
        Files.writeString(a.resolve("config.json"), config.toString());
        assertNotEquals(before, WeightsFingerprint.of(a));
    }

    /** The documented limit: only each tensor's first 4 KiB are read, so a change past them goes unseen. */
    @Test
    void aChangePastTheFirst4KiBOfATensorIsNotSeen() throws IOException {
        String tensor = "shared.weight"; // 500 x 64 floats, 128000 bytes
        Path a = copy("a");
        Path late = checkpoint("late", (name, values) -> {
            if (name.equals(tensor)) {
                values[WeightsFingerprint.PREFIX_BYTES / Float.BYTES] += 1; // the first value after 4 KiB
            }
        });
        Path early = checkpoint("early", (name, values) -> {
            if (name.equals(tensor)) {
                values[WeightsFingerprint.PREFIX_BYTES / Float.BYTES - 1] += 1; // the last value within them
            }
        });
        assertEquals(WeightsFingerprint.of(a), WeightsFingerprint.of(late));
        assertNotEquals(WeightsFingerprint.of(a), WeightsFingerprint.of(early));
    }

    @Test
    void aShardedCopyHasTheSameFingerprint() throws IOException {
        Path sharded = Files.createDirectories(dir.resolve("sharded"));
        Map<String, String> weightMap = new LinkedHashMap<>();
        try (TensorStore store = TensorStore.open(FIXTURE)) {
            List<String> names = List.copyOf(store.names());
            SafetensorsWriter first = new SafetensorsWriter().metadata("format", "pt");
            SafetensorsWriter second = new SafetensorsWriter().metadata("format", "pt");
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                boolean inFirst = i % 2 == 0;
                (inFirst ? first : second).putFloats(name, store.info(name).shape(), store.readFloats(name),
                        DType.F32);
                weightMap.put(name, inFirst ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
            }
            first.write(sharded.resolve("model-00001-of-00002.safetensors"));
            second.write(sharded.resolve("model-00002-of-00002.safetensors"));
        }
        JsonObject index = new JsonObject();
        JsonObject map = new JsonObject();
        weightMap.forEach(map::addProperty);
        index.add("weight_map", map);
        Files.writeString(sharded.resolve("model.safetensors.index.json"), index.toString());
        Files.copy(FIXTURE.resolve("config.json"), sharded.resolve("config.json"));

        assertEquals(WeightsFingerprint.of(FIXTURE), WeightsFingerprint.of(sharded));
    }

    @Test
    void aDirectoryWithoutConfigOrWeightsIsNamed() throws IOException {
        Path noConfig = copy("no-config");
        Files.delete(noConfig.resolve("config.json"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> WeightsFingerprint.of(noConfig));
        assertTrue(e.getMessage().contains(noConfig.resolve("config.json").toString()), e.getMessage());

        Path noWeights = copy("no-weights");
        Files.delete(noWeights.resolve("model.safetensors"));
        e = assertThrows(CheckpointException.class, () -> WeightsFingerprint.of(noWeights));
        assertTrue(e.getMessage().contains("no safetensors weights"), e.getMessage());
    }

    @Test
    void readBytesReturnsTheStoredPrefix() throws IOException {
        Path a = copy("a");
        try (TensorStore store = TensorStore.open(a)) {
            String tensor = "encoder.final_layer_norm.weight"; // 64 floats
            float first = store.readFloats(tensor)[0];
            byte[] head = store.readBytes(tensor, 4);
            assertEquals(4, head.length);
            assertEquals(first, ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getFloat());
            assertEquals(64 * Float.BYTES, store.readBytes(tensor, WeightsFingerprint.PREFIX_BYTES).length,
                    "a tensor smaller than the limit is read whole");
            assertEquals(0, store.readBytes(tensor, 0).length);
        }
    }
}
