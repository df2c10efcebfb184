package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class T5ConfigTest {

    @TempDir
    Path dir;

    private Path config(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    private void assertFails(String json, String... fragments) throws IOException {
        Path file = config(json);
        CheckpointException e = assertThrows(CheckpointException.class, () -> T5Config.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), "names the file: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void reluFixture() {
        T5Config c = T5Config.load(TestData.fixture("t5-tiny-relu").resolve("config.json"));
        assertEquals(new T5Config(500, 64, 16, 128, 2, 2, 4, 8, 16, 0.0, 1e-6, "relu", false, true, true, 0, 0, 1),
                c);
        assertEquals(64, c.innerDim());
    }

    @Test
    void gatedFixture() {
        T5Config c = T5Config.load(TestData.fixture("t5-tiny-gated").resolve("config.json"));
        assertEquals("gelu_new", c.denseActFn());
        assertTrue(c.gatedAct());
        assertTrue(c.tieWordEmbeddings());
        assertFalse(c.scaleDecoderOutputs());
        assertEquals(48, c.dModel());
        assertEquals(3, c.numLayers());
        assertEquals(2, c.numDecoderLayers());
        assertEquals(700, c.vocabSize());
    }

    @Test
    void defaultsAreThoseOfTransformers() throws IOException {
        T5Config c = T5Config.load(config("{}"));
        assertEquals(new T5Config(32128, 512, 64, 2048, 6, 6, 8, 32, 128, 0.1, 1e-6, "relu", false, true, true,
                0, 0, 1), c);
        c = T5Config.load(config("{\"num_layers\": 3, \"num_decoder_layers\": null, \"pad_token_id\": 5}"));
        assertEquals(3, c.numDecoderLayers(), "num_decoder_layers null means num_layers");
        assertEquals(5, c.decoderStartTokenId(), "decoder_start_token_id defaults to pad_token_id");
    }

    @Test
    void scaleDecoderOutputsFallsBackToTying() throws IOException {
        assertFalse(T5Config.load(config("{\"tie_word_embeddings\": false}")).scaleDecoderOutputs());
        assertTrue(T5Config.load(config("{\"tie_word_embeddings\": false, \"scale_decoder_outputs\": true}"))
                .scaleDecoderOutputs());
    }

    @Test
    void feedForwardProjIsParsedAsTransformersDoes() throws IOException {
        T5Config c = T5Config.load(config("{\"feed_forward_proj\": \"gated-silu\"}"));
        assertEquals("silu", c.denseActFn());
        assertTrue(c.gatedAct());
        c = T5Config.load(config("{\"feed_forward_proj\": \"gelu\"}"));
        assertEquals("gelu", c.denseActFn());
        assertFalse(c.gatedAct());
        assertFails("{\"feed_forward_proj\": \"gated-foo-bar\"}", "feed_forward_proj is 'gated-foo-bar'",
                "'gated-ACT'");
        assertFails("{\"feed_forward_proj\": \"fast-gelu\"}", "feed_forward_proj is 'fast-gelu'");
        assertFails("{\"feed_forward_proj\": \"gated-tanh\"}", "feed_forward_proj", "activation 'tanh'");
        assertFails("{\"feed_forward_proj\": \"gated-gelu\", \"dense_act_fn\": \"relu\"}", "dense_act_fn is 'relu'",
                "gelu_new");
    }

    @Test
    void badValuesNameTheField() throws IOException {
        assertFails("{\"d_model\": 0}", "d_model must be positive, got 0");
        assertFails("{\"d_model\": \"64\"}", "d_model is a string (\"64\"), expected an integer");
        assertFails("{\"d_model\": 64.5}", "d_model is a number (64.5), expected an integer");
        assertFails("{\"dropout_rate\": 1.0}", "dropout_rate must be in [0, 1), got 1.0");
        assertFails("{\"layer_norm_epsilon\": 0}", "layer_norm_epsilon must be positive");
        assertFails("{\"relative_attention_max_distance\": 16}", "relative_attention_max_distance");
        assertFails("{\"tie_word_embeddings\": \"yes\"}", "tie_word_embeddings is a string");
        assertFails("{\"eos_token_id\": 600, \"vocab_size\": 500}", "eos_token_id must be in [0, vocab_size 500)");
        assertFails("{\"model_type\": \"bert\"}", "model_type is 'bert', expected 't5'");
        assertFails("{\"d_model\": ", "not valid JSON");
        assertFails("[]", "expected a JSON object");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("config.json");
        CheckpointException e = assertThrows(CheckpointException.class, () -> T5Config.load(file));
        assertTrue(e.getMessage().startsWith(file + ": no such file"), e.getMessage());
    }

    @Test
    void constructorValidates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new T5Config(
                100, 8, 4, 16, 1, 1, 2, 8, 16, 0.0, 1e-6, "gelu", true, true, true, 0, 0, 1));
        assertTrue(e.getMessage().contains("gelu_new"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new T5Config(
                100, 8, 4, 16, 1, 1, 2, 8, 16, 0.0, 1e-6, "tanh", false, true, true, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new T5Config(
                100, 8, 4, 16, 1, 1, 2, 2, 16, 0.0, 1e-6, "relu", false, true, true, 0, 0, 1));
    }

    @Test
    void toJsonRoundTrips() throws IOException {
        for (String fixture : new String[] {"t5-tiny-relu", "t5-tiny-gated"}) {
            T5Config c = T5Config.load(TestData.fixture(fixture).resolve("config.json"));
            assertEquals(c, T5Config.load(config(c.toJson())), fixture);
        }
        T5Config silu = new T5Config(100, 8, 4, 16, 1, 3, 2, 8, 16, 0.25, 1e-5, "silu", true, false, false, 2, 0, 1);
        String json = silu.toJson();
        assertEquals(silu, T5Config.load(config(json)));
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("t5", o.get("model_type").getAsString());
        assertEquals("T5ForConditionalGeneration", o.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals("gated-silu", o.get("feed_forward_proj").getAsString());
        assertTrue(o.get("is_gated_act").getAsBoolean());
        assertEquals(3, o.get("num_decoder_layers").getAsInt());
    }

    @Test
    void gatedGeluIsWrittenTheLegacyWay() {
        T5Config c = T5Config.load(TestData.fixture("t5-tiny-gated").resolve("config.json"));
        JsonObject o = JsonParser.parseString(c.toJson()).getAsJsonObject();
        assertEquals("gated-gelu", o.get("feed_forward_proj").getAsString());
        assertEquals("gelu_new", o.get("dense_act_fn").getAsString());
    }
}
