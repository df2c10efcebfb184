package dev.crosspt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of the ONNX-vs-DJL benchmark on the tiny shape: figures are printed, never asserted. */
class OnnxVsDjlBenchmarkTest {

    @Test
    void tinyRunProducesFiguresAndAgreeingLogits(@TempDir Path work) {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        OnnxBenchSettings settings = new OnnxBenchSettings(2, 16, 4, 3, 2, 0, 1, 1, true, 42);
        OnnxVsDjlResult result = new OnnxVsDjlBenchmark(settings, work, line -> {}).run();
        System.out.println(result.toTable());
        assertEquals("t5-tiny-random", result.model());
        assertTrue(result.djlSamplesPerS() > 0 && result.ortSamplesPerS() > 0);
        assertTrue(result.maxAbsLogitDiff() < 1e-3, "logits differ by " + result.maxAbsLogitDiff());
        assertTrue(result.djlRankSamplesPerS() > 0 && result.ortRankSamplesPerS() > 0);
        assertTrue(result.maxAbsScoreDiff() < 1e-3, "candidate scores differ by " + result.maxAbsScoreDiff());
        assertTrue(result.toJson().contains("\"ratio_ort_over_djl\""));
        assertTrue(result.toTable().contains("ratio ORT / DJL"));
        assertTrue(result.toJson().contains("\"rank_ratio_ort_over_djl\""));
        assertTrue(result.gemmGflops().median() > 0, "no multiply-rate samples");
        assertTrue(result.ortEfficiency().median() > 0 && result.djlEfficiency().median() > 0);
        assertTrue(result.toTable().contains("ORT eval FLOP efficiency"));
    }
}
