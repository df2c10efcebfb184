package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorStoreTest {

    @TempDir
    Path dir;

    private void shards() {
        new SafetensorsWriter().metadata("format", "pt")
                .putFloats("a", new long[] {2}, new float[] {1, 2}, DType.F32)
                .putFloats("b", new long[] {1}, new float[] {3}, DType.BF16)
                .write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafetensorsWriter().metadata("format", "pt")
                .putLongs("c", new long[] {3}, new long[] {4, 5, 6})
                .putFloats("unlisted", new long[] {1}, new float[] {0}, DType.F32)
                .write(dir.resolve("model-00002-of-00002.safetensors"));
    }

    private Path index(Map<String, String> weightMap) throws IOException {
        JsonObject root = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("total_size", 30);
        root.add("metadata", meta);
        JsonObject wm = new JsonObject();
        weightMap.forEach(wm::addProperty);
        root.add("weight_map", wm);
        return Files.writeString(dir.resolve("model.safetensors.index.json"), root.toString());
    }

    private Path goodIndex() throws IOException {
        shards();
        return index(Map.of("a", "model-00001-of-00002.safetensors", "b", "model-00001-of-00002.safetensors",
                "c", "model-00002-of-00002.safetensors"));
    }

    @Test
    void readsAShardedSet() throws IOException {
        goodIndex();
        // A stray single file must be ignored: the index takes precedence, as in transformers.
        new SafetensorsWriter().write(dir.resolve("model.safetensors"));
        try (TensorStore s = TensorStore.open(dir)) {
            assertEquals(Set.of("a", "b", "c"), s.names());
            assertTrue(s.has("c"));
            assertFalse(s.has("unlisted"), "only tensors in the index are visible");
            assertArrayEquals(new float[] {1, 2}, s.readFloats("a"));
            assertArrayEquals(new float[] {3}, s.readFloats("b"));
            assertArrayEquals(new long[] {4, 5, 6}, s.readLongs("c"));
            assertEquals(DType.BF16, s.info("b").dtype());
            assertEquals(dir.resolve("model-00002-of-00002.safetensors"), s.fileOf("c"));
            assertEquals(Map.of("total_size", "30", "format", "pt"), s.metadata());
            CheckpointException e = assertThrows(CheckpointException.class, () -> s.readFloats("cc"));
            assertTrue(e.getMessage().contains("model.safetensors.index.json: no tensor 'cc'; closest: 'c'"),
                    e.getMessage());
        }
    }

    @Test
    void closingTheStoreClosesTheShards() throws IOException {
        goodIndex();
        TensorStore s = TensorStore.open(dir);
        s.close();
        assertThrows(IllegalStateException.class, () -> s.readFloats("a"));
    }

    @Test
    void missingShardIsNamed() throws IOException {
        shards();
        Path index = index(Map.of("a", "model-00001-of-00002.safetensors", "z", "model-00003-of-00003.safetensors"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> TensorStore.open(dir));
        assertTrue(e.getMessage().startsWith(index.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("shard 'model-00003-of-00003.safetensors' (for tensor 'z') does not "
                + "exist"), e.getMessage());
    }

    @Test
    void tensorNotInItsShardIsNamed() throws IOException {
        shards();
        index(Map.of("a", "model-00002-of-00002.safetensors"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> TensorStore.open(dir));
        assertTrue(e.getMessage().contains("model.safetensors.index.json: tensor 'a' is mapped to shard "
                + "'model-00002-of-00002.safetensors', but that shard has no such tensor"), e.getMessage());
    }

    @Test
    void shardNamesCannotLeaveTheDirectory() throws IOException {
        shards();
        index(Map.of("a", "../model-00001-of-00002.safetensors"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> TensorStore.open(dir));
        assertTrue(e.getMessage().contains("expected a plain file name"), e.getMessage());
    }

    @Test
    void invalidIndex() throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\": [1]}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> TensorStore.open(dir));
        assertTrue(e.getMessage().contains("weight_map is a list, expected an object"), e.getMessage());
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\": ");
        e = assertThrows(CheckpointException.class, () -> TensorStore.open(dir));
        assertTrue(e.getMessage().contains("model.safetensors.index.json: not valid JSON"), e.getMessage());
    }

    @Test
    void singleFile() {
        new SafetensorsWriter().putFloats("x", new long[] {1}, new float[] {9}, DType.F16)
                .write(dir.resolve("model.safetensors"));
        try (TensorStore s = TensorStore.open(dir)) {
            assertEquals(Set.of("x"), s.names());
            assertArrayEquals(new float[] {9}, s.readFloats("x"));
            assertEquals(dir.resolve("model.safetensors"), s.fileOf("x"));
            assertThrows(CheckpointException.class, () -> s.fileOf("y"));
            assertEquals(Map.of(), s.metadata());
        }
    }

    @Test
    void pytorchOnlyDirectoryExplainsHowToConvert() throws IOException {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {1});
        CheckpointException e = assertThrows(CheckpointException.class, () -> TensorStore.open(dir));
        String m = e.getMessage();
        assertTrue(m.startsWith(dir.toString()), m);
        assertTrue(m.contains("model.safetensors"), m);
        assertTrue(m.contains("PyTorch pickles are not supported"), m);
        assertTrue(m.contains("M.from_pretrained('" + dir + "').save_pretrained('" + dir
                + "', safe_serialization=True)"), m);
    }

    @Test
    void emptyOrMissingDirectory() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> TensorStore.open(dir));
        assertTrue(e.getMessage().contains("expected a Hugging Face model directory with model.safetensors"),
                e.getMessage());
        assertFalse(e.getMessage().contains("pickle"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> TensorStore.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
    }
}
