package dev.crosspt.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.T5Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph with a soft prompt baked in agrees with the plain graph fed the prompt, and with transformers. */
class OnnxT5PromptedExportTest {

    @Test
    void promptedGraphMatchesThePlainGraphAndTheReference(@TempDir Path out) throws Exception {
        Path model = Fixtures.dir("t5-tiny-relu");
        float[] prompt;
        long[] ids;
        long[] mask;
        long[] labels;
        float[] reference;
        int batch;
        int tokens;
        int promptLength;
        int target;
        try (SafetensorsFile expected = SafetensorsFile.open(model.resolve("expected.safetensors"))) {
            prompt = expected.readFloats("prompt");
            promptLength = (int) expected.info("prompt").shape()[0];
            ids = expected.readLongs("input_ids");
            mask = expected.readLongs("attention_mask");
            labels = expected.readLongs("labels");
            reference = expected.readFloats("logits_prompted");
            batch = (int) expected.info("input_ids").shape()[0];
            tokens = (int) expected.info("input_ids").shape()[1];
            target = (int) expected.info("labels").shape()[1];
        }
        assertEquals(out, OnnxT5Exporter.exportWithPrompt(model, prompt, promptLength,
                Map.of("task", "sst2", "max_input_tokens", 64, "prompt_length", 99), out));
        T5Config config = T5Config.load(model.resolve("config.json"));
        try (OnnxT5Backbone backbone = OnnxT5Backbone.load(model);
                OnnxT5Session prompted = new OnnxT5Session(config, out)) {
            assertEquals(Set.of("input_ids", "attention_mask"), prompted.encoderInputNames());
            float[] plain = backbone.logits(ids, mask, batch, tokens, prompt, promptLength, labels, target);
            OnnxT5Session.Encoded encoded = prompted.encodeTokens(ids, mask, batch, tokens);
            assertEquals(promptLength + tokens, encoded.source());
            assertEquals(batch * (promptLength + tokens) * config.dModel(), encoded.hidden().length);
            assertArrayEquals(OnnxT5Backbone.extendMask(mask, batch, tokens, promptLength), encoded.mask());
            float[] logits = prompted.decode(encoded, backbone.shiftRight(labels, batch, target), target);
            assertEquals(reference.length, logits.length);
            assertClose(plain, logits, 1e-5, "prompted graph vs plain graph");
            assertClose(reference, logits, 1e-4, "prompted graph vs logits_prompted");
        }
        String metadata = Files.readString(out.resolve(OnnxT5Exporter.METADATA));
        // notes are added, never replacing an entry the exporter knows
        assertTrue(metadata.contains("\"prompt_length\": 5") && !metadata.contains("99"), metadata);
        assertTrue(metadata.contains("\"task\": \"sst2\"") && metadata.contains("\"max_input_tokens\": 64"), metadata);
    }

    @Test
    void misShapedPromptIsRefused(@TempDir Path out) {
        Path model = Fixtures.dir("t5-tiny-relu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxT5Exporter.exportWithPrompt(model, new float[7], 5, Map.of(), out));
        assertTrue(e.getMessage().contains("[5, 64]"), e.getMessage());
        assertTrue(!Files.exists(out.resolve(OnnxT5Exporter.ENCODER)));
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            if (!(diff <= worst)) {
                worst = diff;
                at = i;
            }
        }
        assertTrue(worst <= tolerance, what + ": max |diff| " + worst + " at " + at + " > " + tolerance);
    }
}
