package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.onnx.OnnxT5Exporter;
import dev.crosspt.report.RunManifest;
import dev.crosspt.t5.T5BackboneFacts;
import dev.crosspt.train.MultiTaskTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxCommandsTest {

    @Test
    void verifyWithOnnxRuntimePassesAndReportsTheGradientAsNotApplicable() {
        Path fixture = CliTestSupport.fixture("t5-tiny-relu");
        CliTestSupport.Run run = CliTestSupport.run("verify-backbone", "--engine", "onnx", "--model", fixture.toString(),
                "--reference", fixture.resolve("expected.safetensors").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("onnxruntime"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("prompt_grad") && l.contains("not applicable")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("logits_prompted") && l.contains("pass")), run.out());
    }

    @Test
    void exportWritesTheGraphAndAnUnknownEngineIsRefused(@TempDir Path out) {
        Path fixture = CliTestSupport.fixture("t5-tiny-gated");
        CliTestSupport.Run export = CliTestSupport.run("export-onnx", "--model", fixture.toString(), "--out", out.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(Files.isRegularFile(out.resolve(OnnxT5Exporter.ENCODER)));
        assertTrue(Files.isRegularFile(out.resolve(OnnxT5Exporter.DECODER)));
        assertTrue(Files.isRegularFile(out.resolve("tokenizer.json")));
        CliTestSupport.Run bad = CliTestSupport.run("verify-backbone", "--engine", "tvm", "--model", fixture.toString(),
                "--reference", fixture.resolve("expected.safetensors").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("djl or onnx"), bad.err());
    }

    @Test
    void exportWithARunsTaskPromptWritesThePromptedGraph(@TempDir Path dir) {
        Path fixture = CliTestSupport.fixture("t5-tiny-relu");
        Path run = promptRun(dir.resolve("run"));
        Path out = dir.resolve("out");
        CliTestSupport.Run export = CliTestSupport.run("export-onnx", "--model", fixture.toString(), "--run",
                run.toString(), "--task", "rte", "--out", out.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(Files.isRegularFile(out.resolve(OnnxT5Exporter.ENCODER)));
        assertTrue(Files.isRegularFile(out.resolve(OnnxT5Exporter.DECODER)));
        String metadata = read(out.resolve(OnnxT5Exporter.METADATA));
        assertTrue(metadata.contains("\"task\": \"rte\"") && metadata.contains("\"prompt_length\": 5"), metadata);

        CliTestSupport.Run unknown = CliTestSupport.run("export-onnx", "--model", fixture.toString(), "--run",
                run.toString(), "--task", "cola", "--out", dir.resolve("out2").toString());
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains(MultiTaskTrainer.COMPOSED_PROMPTS), unknown.err());
        assertTrue(unknown.err().contains("rte") && unknown.err().contains("mrpc"), unknown.err());

        CliTestSupport.Run runOnly = CliTestSupport.run("export-onnx", "--model", fixture.toString(), "--run",
                run.toString(), "--out", dir.resolve("out3").toString());
        assertEquals(2, runOnly.exitCode(), runOnly.err());
        CliTestSupport.Run taskOnly = CliTestSupport.run("export-onnx", "--model", fixture.toString(), "--task",
                "rte", "--out", dir.resolve("out4").toString());
        assertEquals(2, taskOnly.exitCode(), taskOnly.err());
        assertTrue(taskOnly.err().contains("--run and --task"), taskOnly.err());
    }

    /** The run's manifest names the model, so --model may be left out; a model of another shape is refused. */
    @Test
    void exportFindsTheModelInTheRunsManifestAndRefusesAnotherShape(@TempDir Path dir) {
        Path relu = CliTestSupport.fixture("t5-tiny-relu");
        // a demo's layout: OUT/manifest.json, OUT/runs/METHOD/seed-N/composed-prompts.safetensors
        Path run = promptRun(dir.resolve("demo/runs/P/seed-1"));
        RunManifest.create().put("backbone", java.util.Map.of("backbone", "t5", "model", relu.toString(),
                "shape", T5BackboneFacts.shape(T5Config.load(relu.resolve("config.json"))), "max_input_tokens", "64"))
                .write(dir.resolve("demo/manifest.json"));

        Path out = dir.resolve("out");
        CliTestSupport.Run export = CliTestSupport.run("export-onnx", "--run", run.toString(), "--task", "rte",
                "--out", out.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("from " + dir.resolve("demo/manifest.json")), export.out());
        assertTrue(Files.isRegularFile(out.resolve(OnnxT5Exporter.ENCODER)));
        // the truncation training used travels with the export
        assertTrue(read(out.resolve(OnnxT5Exporter.METADATA)).contains("\"max_input_tokens\": 64"));

        Path gated = CliTestSupport.fixture("t5-tiny-gated");
        CliTestSupport.Run other = CliTestSupport.run("export-onnx", "--model", gated.toString(), "--run",
                run.toString(), "--task", "rte", "--out", dir.resolve("out2").toString());
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("manifest.json") && other.err().contains("trained on"), other.err());
        assertTrue(!Files.exists(dir.resolve("out2")));

        CliTestSupport.Run plain = CliTestSupport.run("export-onnx", "--out", dir.resolve("out3").toString());
        assertEquals(2, plain.exitCode(), plain.err());
        assertTrue(plain.err().contains("--model"), plain.err());
    }

    /** A run directory whose composed prompts hold the relu fixture's [5, 64] prompt as 'rte' and a [2, 64] 'mrpc'. */
    private static Path promptRun(Path run) {
        float[] prompt;
        try (SafetensorsFile expected = SafetensorsFile.open(
                CliTestSupport.fixture("t5-tiny-relu").resolve("expected.safetensors"))) {
            prompt = expected.readFloats("prompt");
        }
        new SafetensorsWriter()
                .putFloats("task/rte", new long[] {5, 64}, prompt, DType.F32)
                .putFloats("task/mrpc", new long[] {2, 64}, new float[2 * 64], DType.F32)
                .write(run.resolve(MultiTaskTrainer.COMPOSED_PROMPTS));
        return run;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
