package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.cli.CliTestSupport.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke checks of {@code ./crosspt bench} that never run the benchmark itself. */
class BenchCommandTest {

    @Test
    void zeroStepsIsBadInputOnOneLine() {
        Run run = CliTestSupport.run("bench", "backbone", "--steps", "0");
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run::describe);
        assertTrue(lines.get(0).startsWith("crosspt: "), run::describe);
        assertTrue(lines.get(0).contains("positive"), run::describe);
        assertEquals("", run.out(), run::describe);
    }

    @Test
    void executeReturnsBadInputForZeroSteps() {
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("bench", "backbone", "--steps", "0"));
    }

    @Test
    void traceWithoutProfileIsBadInput() {
        Run run = CliTestSupport.run("bench", "backbone", "--trace", "traces");
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        assertTrue(run.err().contains("--trace needs --profile"), run::describe);
        assertEquals("", run.out(), run::describe);
    }

    @Test
    void negativeBaseStepsIsBadInput() {
        Run run = CliTestSupport.run("bench", "backbone", "--base-steps", "-1");
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        assertTrue(run.err().contains("baseSteps (-1) should be non-negative"), run::describe);
    }

    @Test
    void benchAloneListsTheBenchmarks() {
        Run run = CliTestSupport.run("bench");
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().contains("backbone"), run::describe);
        assertTrue(run.out().contains("onnx"), run::describe);
    }

    @Test
    void onnxZeroBatchesIsBadInput() {
        Run run = CliTestSupport.run("bench", "onnx", "--batches", "0");
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        assertTrue(run.err().contains("positive"), run::describe);
        assertEquals("", run.out(), run::describe);
    }
}
