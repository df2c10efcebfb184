package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(Files.isRegularFile(out.resolve("t5.onnx")));
        CliTestSupport.Run bad = CliTestSupport.run("verify-backbone", "--engine", "tvm", "--model", fixture.toString(),
                "--reference", fixture.resolve("expected.safetensors").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("djl or onnx"), bad.err());
    }
}
