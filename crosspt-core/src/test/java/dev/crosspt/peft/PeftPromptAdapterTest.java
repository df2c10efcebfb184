package dev.crosspt.peft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.T5Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeftPromptAdapterTest {

    @TempDir
    Path dir;

    private static final T5Config SMALL = new T5Config(500, 4, 2, 8, 3, 3, 2, 8, 16, 0.0, 1e-6, "relu", false,
            true, true, 0, 0, 1);

    /** Awkward bit patterns: negative zero, subnormal, extremes, a NaN-adjacent value, ordinary numbers. */
    private static float[] prompt(int length, int dim) {
        float[] special = {-0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 0.1f, 1e-38f, 3.1415927f};
        float[] p = new float[length * dim];
        for (int i = 0; i < p.length; i++) {
            p[i] = i < special.length ? special[i] : (float) Math.sin(i * 1.7) * 0.37f;
        }
        return p;
    }

    private JsonObject configOf(Path adapter) throws IOException {
        return JsonParser.parseString(Files.readString(adapter.resolve(PeftPromptAdapter.CONFIG_FILE)))
                .getAsJsonObject();
    }

    private void writeConfig(Path adapter, String json) throws IOException {
        Files.createDirectories(adapter);
        Files.writeString(adapter.resolve(PeftPromptAdapter.CONFIG_FILE), json, StandardCharsets.UTF_8);
    }

    private static String promptTuningConfig(int tokens, int dim, Integer submodules) {
        return "{\"peft_type\": \"PROMPT_TUNING\", \"task_type\": \"SEQ_2_SEQ_LM\", \"num_virtual_tokens\": " + tokens
                + ", \"token_dim\": " + dim + ", \"num_transformer_submodules\": "
                + (submodules == null ? "null" : submodules) + ", \"inference_mode\": true}";
    }

    @Test
    void exportThenReadIsBitIdentical() {
        float[] p = prompt(5, 4);
        Path adapter = dir.resolve("out/adapter"); // missing parents are created
        PeftPromptAdapter.export(adapter, p, 5, 4, SMALL, Map.of("base_model_name_or_path", "t5-small"));
        ImportedPrompt in = PeftPromptAdapter.read(adapter);
        assertEquals(5, in.length());
        assertEquals(4, in.dim());
        int[] want = new int[p.length];
        int[] got = new int[p.length];
        float[] values = in.values();
        for (int i = 0; i < p.length; i++) {
            want[i] = Float.floatToRawIntBits(p[i]);
            got[i] = Float.floatToRawIntBits(values[i]);
        }
        assertArrayEquals(want, got);
        assertEquals(List.of(), in.warnings());
        assertEquals("t5-small", in.config().get("base_model_name_or_path"));
        assertEquals(1.0, in.config().get("num_transformer_submodules"));
    }

    @Test
    void exportWritesOneF32TensorOfPromptShape() {
        PeftPromptAdapter.export(dir, prompt(3, 4), 3, 4, null);
        try (SafetensorsFile st = SafetensorsFile.open(dir.resolve(PeftPromptAdapter.WEIGHTS_FILE))) {
            assertEquals(Set.of("prompt_embeddings"), st.tensors().keySet());
            assertEquals(DType.F32, st.info("prompt_embeddings").dtype());
            assertArrayEquals(new long[] {3, 4}, st.info("prompt_embeddings").shape());
            assertEquals("pt", st.metadata().get("format"));
        }
    }

    @Test
    void configHasExactlyTheFieldsPeftNeeds() throws IOException {
        PeftPromptAdapter.export(dir, prompt(6, 4), 6, 4, SMALL, Map.of("revision", "main"));
        JsonObject c = configOf(dir);
        assertEquals(Set.of("base_model_name_or_path", "inference_mode", "num_attention_heads", "num_layers",
                "num_transformer_submodules", "num_virtual_tokens", "peft_type", "prompt_tuning_init", "revision",
                "task_type", "token_dim"), c.keySet());
        assertEquals(PeftPromptAdapter.CONFIG_KEYS, c.keySet());
        assertEquals("PROMPT_TUNING", c.get("peft_type").getAsString());
        assertEquals("SEQ_2_SEQ_LM", c.get("task_type").getAsString());
        assertEquals(6, c.get("num_virtual_tokens").getAsInt());
        assertEquals(4, c.get("token_dim").getAsInt());
        assertEquals(1, c.get("num_transformer_submodules").getAsInt());
        assertEquals(2, c.get("num_attention_heads").getAsInt());
        assertEquals(3, c.get("num_layers").getAsInt());
        assertEquals("RANDOM", c.get("prompt_tuning_init").getAsString());
        assertTrue(c.get("inference_mode").getAsBoolean());
        assertEquals("main", c.get("revision").getAsString());
        assertTrue(c.get("base_model_name_or_path").isJsonNull());
        // Integers are written as integers (PEFT builds nn.Embedding from them), keys sorted as PEFT writes them.
        String text = Files.readString(dir.resolve(PeftPromptAdapter.CONFIG_FILE));
        assertTrue(text.contains("\"num_virtual_tokens\": 6,"), text);
        List<String> keys = c.keySet().stream().collect(Collectors.toList());
        assertEquals(keys.stream().sorted().collect(Collectors.toList()), keys);
    }

    @Test
    void withoutModelConfigHeadsAndLayersAreNullForPeftToFill() throws IOException {
        PeftPromptAdapter.export(dir, prompt(2, 4), 2, 4, null);
        JsonObject c = configOf(dir);
        assertEquals(PeftPromptAdapter.CONFIG_KEYS, c.keySet());
        assertTrue(c.get("num_attention_heads").isJsonNull());
        assertTrue(c.get("num_layers").isJsonNull());
    }

    @Test
    void exportRejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeftPromptAdapter.export(dir, new float[7], 2, 4, null));
        assertTrue(e.getMessage().contains("7") && e.getMessage().contains("8"), e.getMessage());
        float[] nan = prompt(2, 4);
        nan[5] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> PeftPromptAdapter.export(dir, nan, 2, 4, null));
        assertTrue(e.getMessage().contains("token 1, component 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PeftPromptAdapter.export(dir, prompt(2, 8), 2, 8, SMALL, null));
        assertTrue(e.getMessage().contains("d_model 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PeftPromptAdapter.export(dir, prompt(2, 4), 2, 4, Map.of("peft_type", "LORA")));
        assertTrue(e.getMessage().contains("'peft_type'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PeftPromptAdapter.export(dir, prompt(2, 4), 2, 4, Map.of("revision", 3)));
        assertTrue(e.getMessage().contains("revision"), e.getMessage());
        // Nothing was written by the rejected calls.
        assertTrue(Files.notExists(dir.resolve(PeftPromptAdapter.CONFIG_FILE)));
    }

    @Test
    void loraAdapterIsRejectedNamingPeftType() throws IOException {
        writeConfig(dir, "{\"peft_type\": \"LORA\", \"task_type\": \"SEQ_2_SEQ_LM\", \"r\": 8}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PeftPromptAdapter.read(dir));
        assertTrue(e.getMessage().contains(PeftPromptAdapter.CONFIG_FILE), e.getMessage());
        assertTrue(e.getMessage().contains("peft_type is 'LORA'"), e.getMessage());
        assertTrue(e.getMessage().contains("only prompt tuning"), e.getMessage());
    }

    @Test
    void misShapedTensorNamesExpectedAndActualShapes() throws IOException {
        writeConfig(dir, promptTuningConfig(5, 4, 1));
        new SafetensorsWriter().putFloats("prompt_embeddings", new long[] {6, 4}, new float[24], DType.F32)
                .write(dir.resolve(PeftPromptAdapter.WEIGHTS_FILE));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PeftPromptAdapter.read(dir));
        String m = e.getMessage();
        assertTrue(m.contains(PeftPromptAdapter.WEIGHTS_FILE), m);
        assertTrue(m.contains("prompt_embeddings"), m);
        assertTrue(m.contains("[6, 4]"), m);
        assertTrue(m.contains("expected [5, 4]"), m);
        assertTrue(m.contains("num_virtual_tokens 5") && m.contains("token_dim 4"), m);
    }

    @Test
    void wronglyNamedTensorIsReported() throws IOException {
        writeConfig(dir, promptTuningConfig(2, 4, 1));
        new SafetensorsWriter().putFloats("prompt_embedding", new long[] {2, 4}, new float[8], DType.F32)
                .write(dir.resolve(PeftPromptAdapter.WEIGHTS_FILE));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PeftPromptAdapter.read(dir));
        assertTrue(e.getMessage().contains("'prompt_embeddings'"), e.getMessage());
    }

    @Test
    void missingWeightsFileIsNamed() throws IOException {
        writeConfig(dir, promptTuningConfig(2, 4, 1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PeftPromptAdapter.read(dir));
        assertTrue(e.getMessage().contains(dir.resolve(PeftPromptAdapter.WEIGHTS_FILE).toString()), e.getMessage());
        Files.write(dir.resolve("adapter_model.bin"), new byte[] {1});
        e = assertThrows(InvalidInputException.class, () -> PeftPromptAdapter.read(dir));
        assertTrue(e.getMessage().contains("adapter_model.bin"), e.getMessage());
    }

    @Test
    void missingConfigFileIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PeftPromptAdapter.read(dir));
        assertTrue(e.getMessage().contains(dir.resolve(PeftPromptAdapter.CONFIG_FILE).toString()), e.getMessage());
    }

    @Test
    void missingOrInvalidShapeFieldsAreNamed() throws IOException {
        writeConfig(dir, "{\"peft_type\": \"PROMPT_TUNING\", \"task_type\": \"SEQ_2_SEQ_LM\", \"token_dim\": 4}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PeftPromptAdapter.read(dir));
        assertTrue(e.getMessage().contains("num_virtual_tokens is missing"), e.getMessage());
        writeConfig(dir, promptTuningConfig(2, 4, 3));
        e = assertThrows(InvalidInputException.class, () -> PeftPromptAdapter.read(dir));
        assertTrue(e.getMessage().contains("num_transformer_submodules is 3"), e.getMessage());
        writeConfig(dir, promptTuningConfig(2, 4, 1).replace("\"token_dim\": 4", "\"token_dim\": 4.5"));
        e = assertThrows(InvalidInputException.class, () -> PeftPromptAdapter.read(dir));
        assertTrue(e.getMessage().contains("token_dim is 4.5"), e.getMessage());
    }

    @Test
    void twoSubmoduleAdapterYieldsTheEncoderBlockAndAWarning() throws IOException {
        writeConfig(dir, promptTuningConfig(3, 2, 2));
        float[] both = new float[12];
        for (int i = 0; i < both.length; i++) {
            both[i] = i < 6 ? i + 1 : -(i + 1); // used rows positive, unused rows negative
        }
        new SafetensorsWriter().putFloats("prompt_embeddings", new long[] {6, 2}, both, DType.F32)
                .write(dir.resolve(PeftPromptAdapter.WEIGHTS_FILE));
        ImportedPrompt in = PeftPromptAdapter.read(dir);
        assertEquals(3, in.length());
        assertEquals(2, in.dim());
        assertArrayEquals(Arrays.copyOf(both, 6), in.values());
        assertEquals(1, in.warnings().size(), in.warnings().toString());
        String w = in.warnings().get(0);
        // PEFT's prompt tuning never puts the second block before the decoder (since PEFT 0.4): it is unused
        assertTrue(w.contains("num_transformer_submodules 2") && w.contains("first block")
                && w.contains("does not use") && !w.contains("decoder"), w);
    }

    @Test
    void nullSubmodulesFollowsPeftsSeq2SeqDefaultOfTwo() throws IOException {
        writeConfig(dir, promptTuningConfig(2, 2, null));
        new SafetensorsWriter().putFloats("prompt_embeddings", new long[] {4, 2},
                new float[] {1, 2, 3, 4, 5, 6, 7, 8}, DType.F32).write(dir.resolve(PeftPromptAdapter.WEIGHTS_FILE));
        ImportedPrompt in = PeftPromptAdapter.read(dir);
        assertArrayEquals(new float[] {1, 2, 3, 4}, in.values());
        assertEquals(1, in.warnings().size());
    }

    @Test
    void halfPrecisionPromptIsWidenedExactly() throws IOException {
        writeConfig(dir, promptTuningConfig(1, 2, 1));
        new SafetensorsWriter().putFloats("prompt_embeddings", new long[] {1, 2}, new float[] {0.5f, -2f},
                DType.BF16).write(dir.resolve(PeftPromptAdapter.WEIGHTS_FILE));
        assertArrayEquals(new float[] {0.5f, -2f}, PeftPromptAdapter.read(dir).values());
    }

    @Test
    void otherTaskTypeIsReadWithAWarning() throws IOException {
        writeConfig(dir, promptTuningConfig(1, 2, 1).replace("SEQ_2_SEQ_LM", "CAUSAL_LM"));
        new SafetensorsWriter().putFloats("prompt_embeddings", new long[] {1, 2}, new float[] {1, 2}, DType.F32)
                .write(dir.resolve(PeftPromptAdapter.WEIGHTS_FILE));
        ImportedPrompt in = PeftPromptAdapter.read(dir);
        assertEquals(1, in.warnings().size());
        assertTrue(in.warnings().get(0).contains("CAUSAL_LM"), in.warnings().get(0));
    }

    @Test
    void importedPromptCopiesItsArray() {
        float[] v = {1, 2};
        ImportedPrompt p = new ImportedPrompt(v, 1, 2, Map.of(), List.of());
        v[0] = 9;
        p.values()[1] = 9;
        assertArrayEquals(new float[] {1, 2}, p.values());
        assertThrows(IllegalArgumentException.class, () -> new ImportedPrompt(new float[3], 1, 2, Map.of(),
                List.of()));
    }
}
