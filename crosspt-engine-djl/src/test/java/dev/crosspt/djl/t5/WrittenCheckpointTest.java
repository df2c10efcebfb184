package dev.crosspt.djl.t5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.HalfFloats;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.checkpoint.TensorStore;
import dev.crosspt.djl.TestFixtures;
import dev.crosspt.djl.TestFixtures.Tensor;
import dev.crosspt.djl.verify.DjlReferenceEngine;
import dev.crosspt.verify.CheckStatus;
import dev.crosspt.verify.OutputCheck;
import dev.crosspt.verify.ReferenceSet;
import dev.crosspt.verify.TensorValue;
import dev.crosspt.verify.Verification;
import dev.crosspt.verify.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checkpoints written here from the fixtures' weights: a separate LM head, a sharded set, half-precision storage,
 * and broken directories whose load must fail with a message naming the file and the item at fault.
 */
class WrittenCheckpointTest {

    private static Map<String, Tensor> relu;
    private static Map<String, Tensor> gated;
    private static ReferenceSet reluReference;
    private static ReferenceSet gatedReference;

    @TempDir
    Path dir;

    @BeforeAll
    static void readFixtures() {
        relu = TestFixtures.weights(TestFixtures.RELU);
        gated = TestFixtures.weights(TestFixtures.GATED);
        reluReference = ReferenceSet.load(TestFixtures.expected(TestFixtures.RELU));
        gatedReference = ReferenceSet.load(TestFixtures.expected(TestFixtures.GATED));
    }

    // ---- a. separate lm_head ------------------------------------------------------------------------------

    @Test
    void separateLmHeadEqualToEmbeddingsReproducesTheReference() {
        writeUntiedGated(shared -> shared);
        try (T5Backbone backbone = T5Backbone.load(dir)) {
            assertTrue(backbone.model().hasSeparateLmHead());
            VerificationReport report = verify(backbone, gatedReference);
            assertTrue(report.passed(), report::render);
            assertEquals(CheckStatus.PASS, status(report, "logits"), report::render);
        }
    }

    @Test
    void separateLmHeadIsWhatProducesTheLogits() {
        writeUntiedGated(shared -> shared * 2f);
        try (T5Backbone backbone = T5Backbone.load(dir)) {
            assertTrue(backbone.model().hasSeparateLmHead());
            VerificationReport report = verify(backbone, gatedReference);
            assertFalse(report.passed(), report::render);
            assertEquals(CheckStatus.FAIL, status(report, "logits"), report::render);
            // the encoder does not use the head
            assertEquals(CheckStatus.PASS, status(report, "encoder_hidden"), report::render);
        }
    }

    @Test
    void tiedFixtureHasNoSeparateLmHead() {
        try (T5Backbone backbone = T5Backbone.load(TestFixtures.fixture(TestFixtures.GATED))) {
            assertFalse(backbone.model().hasSeparateLmHead());
        }
    }

    private void writeUntiedGated(UnaryOperator<Float> head) {
        Map<String, Tensor> weights = new LinkedHashMap<>(gated);
        Tensor shared = gated.get("shared.weight");
        weights.put("lm_head.weight",
                TestFixtures.map(Map.of("x", shared), head).get("x"));
        TestFixtures.writeWeights(weights, dir.resolve("model.safetensors"), DType.F32);
        writeConfig(TestFixtures.GATED, dir, c -> {
            c.addProperty("tie_word_embeddings", false);
            c.addProperty("scale_decoder_outputs", false);
        });
        TestFixtures.copy(TestFixtures.GATED, dir, "tokenizer.json");
    }

    // ---- b. sharded --------------------------------------------------------------------------------------

    @Test
    void shardedCheckpointReproducesTheReference() throws IOException {
        Map<String, Tensor> first = new LinkedHashMap<>();
        Map<String, Tensor> second = new LinkedHashMap<>();
        relu.forEach((name, t) -> (name.startsWith("decoder.") ? second : first).put(name, t));
        assertFalse(first.isEmpty());
        assertFalse(second.isEmpty());
        String shard1 = "model-00001-of-00002.safetensors";
        String shard2 = "model-00002-of-00002.safetensors";
        TestFixtures.writeWeights(first, dir.resolve(shard1), DType.F32);
        TestFixtures.writeWeights(second, dir.resolve(shard2), DType.F32);
        JsonObject weightMap = new JsonObject();
        first.keySet().forEach(n -> weightMap.addProperty(n, shard1));
        second.keySet().forEach(n -> weightMap.addProperty(n, shard2));
        JsonObject metadata = new JsonObject();
        metadata.addProperty("total_size", Files.size(dir.resolve(shard1)) + Files.size(dir.resolve(shard2)));
        JsonObject index = new JsonObject();
        index.add("metadata", metadata);
        index.add("weight_map", weightMap);
        Files.writeString(dir.resolve("model.safetensors.index.json"), index.toString(), StandardCharsets.UTF_8);
        TestFixtures.copy(TestFixtures.RELU, dir, "config.json", "tokenizer.json");
        assertFalse(Files.exists(dir.resolve("model.safetensors")));

        try (TensorStore store = TensorStore.open(dir)) {
            assertEquals(dir.resolve(shard2), store.fileOf("decoder.final_layer_norm.weight"));
            assertEquals(dir.resolve(shard1), store.fileOf("shared.weight"));
        }
        try (T5Backbone backbone = T5Backbone.load(dir)) {
            VerificationReport report = verify(backbone, reluReference);
            assertTrue(report.passed(), report::render);
            assertEquals(CheckStatus.PASS, status(report, "logits"), report::render);
            assertEquals(CheckStatus.PASS, status(report, "prompt_grad"), report::render);
        }
    }

    // ---- c. half-precision storage -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F16", "BF16"})
    void halfPrecisionStorageLoadsTheRoundedWeightsExactly(DType storage) {
        UnaryOperator<Float> round = storage == DType.F16
                ? v -> HalfFloats.f16ToF32(HalfFloats.f32ToF16(v))
                : v -> HalfFloats.bf16ToF32(HalfFloats.f32ToBf16(v));
        Map<String, Tensor> rounded = TestFixtures.map(relu, round);
        assertFalse(Arrays.equals(relu.get("shared.weight").values(), rounded.get("shared.weight").values()),
                "rounding must change the weights, or this test proves nothing");

        Path half = dir.resolve("half");
        Path widened = dir.resolve("rounded-f32");
        TestFixtures.copy(TestFixtures.RELU, half, "config.json");
        TestFixtures.copy(TestFixtures.RELU, widened, "config.json");
        TestFixtures.writeWeights(relu, half.resolve("model.safetensors"), storage);
        TestFixtures.writeWeights(rounded, widened.resolve("model.safetensors"), DType.F32);
        try (SafetensorsFile file = SafetensorsFile.open(half.resolve("model.safetensors"))) {
            for (TensorInfo info : file.tensors().values()) {
                assertEquals(storage, info.dtype(), info::toString);
            }
        }

        float[] halfLogits;
        float[] widenedLogits;
        try (T5Backbone backbone = T5Backbone.load(half)) {
            halfLogits = logits(backbone, reluReference);
        }
        try (T5Backbone backbone = T5Backbone.load(widened)) {
            widenedLogits = logits(backbone, reluReference);
        }
        assertArrayEquals(widenedLogits, halfLogits, storage + " storage must widen to exactly the rounded values");

        float[] expected = reluReference.get("logits").floats();
        assertEquals(expected.length, halfLogits.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(halfLogits[i] - expected[i]) / Math.max(1.0, Math.abs(expected[i])));
        }
        double tolerance = storage == DType.F16 ? 1e-2 : 5e-2;
        assertTrue(worst <= tolerance, storage + ": largest relative logit difference " + worst);
        assertTrue(worst > 0, storage + ": rounded weights cannot give the exact F32 logits");
    }

    // ---- d. errors ---------------------------------------------------------------------------------------

    @Test
    void truncatedFileNamesTheFileAndATensorBeyondTheEnd() throws IOException {
        Path original = TestFixtures.fixture(TestFixtures.RELU).resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(original);
        TestFixtures.copy(TestFixtures.RELU, dir, "config.json");
        Files.write(dir.resolve("model.safetensors"), Arrays.copyOf(bytes, bytes.length / 2));

        CheckpointException e = assertThrows(CheckpointException.class, () -> T5Backbone.load(dir).close());
        String message = e.getMessage();
        assertTrue(message.contains(dir.resolve("model.safetensors").toString()), message);
        assertTrue(message.contains("truncated"), message);
        Matcher m = Pattern.compile("tensor '([^']+)'").matcher(message);
        assertTrue(m.find(), message);
        try (SafetensorsFile file = SafetensorsFile.open(original)) {
            long headerBytes = 8 + java.nio.ByteBuffer.wrap(bytes, 0, 8)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            long dataLeft = bytes.length / 2 - headerBytes;
            assertTrue(file.info(m.group(1)).dataEnd() > dataLeft, message);
        }
    }

    @Test
    void missingTensorIsNamed() {
        String name = "encoder.block.1.layer.1.DenseReluDense.wo.weight";
        Map<String, Tensor> weights = new LinkedHashMap<>(relu);
        assertNotNull(weights.remove(name));
        TestFixtures.writeWeights(weights, dir.resolve("model.safetensors"), DType.F32);
        TestFixtures.copy(TestFixtures.RELU, dir, "config.json");

        String message = loadFails(dir);
        assertTrue(message.contains("model.safetensors"), message);
        assertTrue(message.contains("'" + name + "'"), message);
    }

    @Test
    void misShapedTensorNamesBothShapes() {
        String name = "decoder.block.1.layer.1.EncDecAttention.q.weight";
        Map<String, Tensor> weights = new LinkedHashMap<>(relu);
        Tensor q = weights.get(name);
        assertArrayEquals(new long[] {64, 64}, q.shape());
        weights.put(name, new Tensor(new long[] {32, 64}, Arrays.copyOf(q.values(), 32 * 64)));
        TestFixtures.writeWeights(weights, dir.resolve("model.safetensors"), DType.F32);
        TestFixtures.copy(TestFixtures.RELU, dir, "config.json");

        String message = loadFails(dir);
        assertTrue(message.contains("model.safetensors"), message);
        assertTrue(message.contains("'" + name + "'"), message);
        assertTrue(message.contains("[32, 64]"), message);
        assertTrue(message.contains("expected [64, 64]"), message);
    }

    @Test
    void untiedConfigWithoutLmHeadNamesIt() {
        TestFixtures.copy(TestFixtures.RELU, dir, "model.safetensors");
        writeConfig(TestFixtures.RELU, dir, c -> c.addProperty("tie_word_embeddings", false));

        String message = loadFails(dir);
        assertTrue(message.contains("model.safetensors"), message);
        assertTrue(message.contains("'lm_head.weight'"), message);
        assertTrue(message.contains("tie_word_embeddings"), message);
    }

    @Test
    void zeroDModelNamesTheField() {
        TestFixtures.copy(TestFixtures.RELU, dir, "model.safetensors");
        writeConfig(TestFixtures.RELU, dir, c -> c.addProperty("d_model", 0));

        String message = loadFails(dir);
        assertTrue(message.contains(dir.resolve("config.json").toString()), message);
        assertTrue(message.contains("d_model"), message);
    }

    @Test
    void configThatIsNotJsonNamesTheFile() throws IOException {
        TestFixtures.copy(TestFixtures.RELU, dir, "model.safetensors");
        String text = Files.readString(TestFixtures.fixture(TestFixtures.RELU).resolve("config.json"));
        Files.writeString(dir.resolve("config.json"), text.substring(0, text.length() / 2));

        String message = loadFails(dir);
        assertTrue(message.contains(dir.resolve("config.json").toString()), message);
        assertTrue(message.contains("JSON"), message);
    }

    @Test
    void noWeightsNamesTheDirectory() {
        TestFixtures.copy(TestFixtures.RELU, dir, "config.json", "tokenizer.json");

        String message = loadFails(dir);
        assertTrue(message.startsWith(dir.toString()), message);
        assertTrue(message.contains("model.safetensors"), message);
    }

    @Test
    void missingTokenizerFailsOnlyWhenUsed() {
        TestFixtures.copy(TestFixtures.RELU, dir, "config.json", "model.safetensors");
        try (T5Backbone backbone = T5Backbone.load(dir)) {
            // tensor-level work needs no tokenizer
            float[] logits = logits(backbone, reluReference);
            assertEquals(reluReference.get("logits").floats().length, logits.length);
            CheckpointException e = assertThrows(CheckpointException.class, backbone::tokenizer);
            assertTrue(e.getMessage().contains(dir.resolve("tokenizer.json").toString()), e.getMessage());
        }
    }

    private static String loadFails(Path modelDir) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> T5Backbone.load(modelDir).close());
        assertNotNull(e.getMessage());
        return e.getMessage();
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static VerificationReport verify(T5Backbone backbone, ReferenceSet reference) {
        return Verification.run(reference, new DjlReferenceEngine(backbone), Verification.DEFAULT_TOLERANCE);
    }

    private static CheckStatus status(VerificationReport report, String output) {
        return report.checks().stream().filter(c -> c.name().equals(output)).map(OutputCheck::status)
                .findFirst().orElseThrow();
    }

    /** Teacher-forced logits (no prompt, no dropout) for the reference's own ids, mask and labels. */
    static float[] logits(T5Backbone backbone, ReferenceSet reference) {
        try (NDManager scope = backbone.newScope()) {
            NDArray ids = longs(scope, reference.get("input_ids"));
            NDArray mask = longs(scope, reference.get("attention_mask"));
            NDArray labels = longs(scope, reference.get("labels"));
            return backbone.logits(ids, mask, null, labels, false).toFloatArray();
        }
    }

    static NDArray longs(NDManager scope, TensorValue value) {
        return scope.create(value.longs(), new Shape(value.shape()));
    }

    private static void writeConfig(String fixture, Path target, Consumer<JsonObject> edit) {
        try {
            Files.createDirectories(target);
            JsonObject config = JsonParser.parseString(
                    Files.readString(TestFixtures.fixture(fixture).resolve("config.json"))).getAsJsonObject();
            edit.accept(config);
            Files.writeString(target.resolve("config.json"),
                    new GsonBuilder().setPrettyPrinting().create().toJson(config), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
