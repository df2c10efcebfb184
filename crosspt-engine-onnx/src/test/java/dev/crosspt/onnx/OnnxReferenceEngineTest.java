package dev.crosspt.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.verify.CheckStatus;
import dev.crosspt.verify.OutputCheck;
import dev.crosspt.verify.ReferenceSet;
import dev.crosspt.verify.Verification;
import dev.crosspt.verify.VerificationReport;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exported graph on ONNX Runtime reproduces transformers' outputs for both fixtures. */
class OnnxReferenceEngineTest {

    @ParameterizedTest
    @ValueSource(strings = {"t5-tiny-relu", "t5-tiny-gated"})
    void reproducesTheReference(String fixture, @TempDir Path out) {
        Path model = Fixtures.dir(fixture);
        Path onnx = OnnxT5Exporter.export(model, out);
        VerificationReport report;
        try (OnnxReferenceEngine engine = new OnnxReferenceEngine(model, onnx)) {
            report = Verification.run(ReferenceSet.load(model.resolve("expected.safetensors")), engine, 1e-4);
        }
        String rendered = report.render();
        System.out.println(rendered);
        for (OutputCheck check : report.checks()) {
            CheckStatus want = check.name().equals("prompt_grad") ? CheckStatus.NOT_APPLICABLE : CheckStatus.PASS;
            assertEquals(want, check.status(), check.name() + " in\n" + rendered);
        }
        assertTrue(report.passed(), rendered);
    }

    /** An untied checkpoint whose lm_head equals the embeddings, with scaling kept, gives the same outputs. */
    @Test
    void separateLmHeadIsUsed(@TempDir Path dir) throws Exception {
        Path model = Fixtures.dir("t5-tiny-relu");
        SafetensorsWriter writer = new SafetensorsWriter();
        try (TensorStore store = TensorStore.open(model)) {
            for (String name : store.names()) {
                writer.putFloats(name, store.info(name).shape(), store.readFloats(name), DType.F32);
            }
            writer.putFloats("lm_head.weight", store.info("shared.weight").shape(), store.readFloats("shared.weight"),
                    DType.F32);
        }
        writer.write(dir.resolve("model.safetensors"));
        T5Config c = T5Config.load(model.resolve("config.json"));
        T5Config untied = new T5Config(c.vocabSize(), c.dModel(), c.dKv(), c.dFf(), c.numLayers(),
                c.numDecoderLayers(), c.numHeads(), c.relativeAttentionNumBuckets(), c.relativeAttentionMaxDistance(),
                c.dropoutRate(), c.layerNormEpsilon(), c.denseActFn(), c.gatedAct(), false, true,
                c.decoderStartTokenId(), c.padTokenId(), c.eosTokenId());
        Files.writeString(dir.resolve("config.json"), untied.toJson());
        Files.copy(model.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Path onnx = OnnxT5Exporter.export(dir, Files.createDirectory(dir.resolve("out")));
        try (OnnxReferenceEngine engine = new OnnxReferenceEngine(dir, onnx)) {
            VerificationReport report =
                    Verification.run(ReferenceSet.load(model.resolve("expected.safetensors")), engine, 1e-4);
            assertTrue(report.passed(), report.render());
        }
    }
}
