package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads the checkpoints that transformers wrote, so the reader is checked against the real format. */
class SafetensorsFixtureTest {

    @Test
    void readsTheReluModel() {
        Path file = TestData.fixture("t5-tiny-relu").resolve("model.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(47, f.tensors().size());
            TensorInfo shared = f.info("shared.weight");
            assertEquals(DType.F32, shared.dtype());
            assertArrayEquals(new long[] {500, 64}, shared.shape());
            float[] w = f.readFloats("shared.weight");
            assertEquals(500 * 64, w.length);
            assertEquals(1.4391080141067505f, w[0]);
            assertArrayEquals(new long[] {8, 4},
                    f.info("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight").shape());
            long previousEnd = 0;
            for (TensorInfo t : f.tensors().values()) {
                assertTrue(t.dataBegin() >= previousEnd, "tensors() is ordered by offset: " + t);
                previousEnd = t.dataEnd();
            }
        }
    }

    @Test
    void readsTheExpectedOutputs() {
        Path file = TestData.fixture("t5-tiny-relu").resolve("expected.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            TensorInfo ids = f.info("input_ids");
            assertEquals(DType.I64, ids.dtype());
            assertEquals("[2, 44]", ids.shapeString());
            long[] v = f.readLongs("input_ids");
            assertEquals(88, v.length);
            assertArrayEquals(new long[] {3, 4, 70, 78, 3, 4, 103, 67}, java.util.Arrays.copyOf(v, 8));
            assertEquals(7.621243476867676f, f.readFloats("loss")[0]);
            assertThrows(CheckpointException.class, () -> f.readFloats("input_ids"));
        }
    }

    @Test
    void readsTheGatedModelThroughATensorStore() {
        try (TensorStore s = TensorStore.open(TestData.fixture("t5-tiny-gated"))) {
            assertEquals(60, s.names().size());
            assertEquals("[700, 48]", s.info("shared.weight").shapeString());
            assertEquals(0.9670077562332153f, s.readFloats("shared.weight")[0]);
            assertEquals("model.safetensors", s.fileOf("shared.weight").getFileName().toString());
            assertEquals("pt", s.metadata().get("format"));
        }
    }
}
