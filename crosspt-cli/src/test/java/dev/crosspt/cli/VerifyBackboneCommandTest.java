package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.cli.CliTestSupport.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./crosspt verify-backbone}: 0 when every output matches, 1 when one does not, 2 on unusable input. */
class VerifyBackboneCommandTest {

    private static final Path MODEL = CliTestSupport.fixture("t5-tiny-relu");
    private static final Path REFERENCE = MODEL.resolve("expected.safetensors");

    @Test
    void fixturePassesAndPrintsTheReport() {
        Run run = CliTestSupport.run("verify-backbone", "--model", MODEL.toString(), "--reference", REFERENCE.toString());
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().contains("PASS"), run::describe);
        assertTrue(run.out().contains("logits_prompted"), run::describe);
        assertEquals("", run.err(), run::describe);
    }

    @Test
    void executeReturnsTheExitCode() {
        assertEquals(0, Main.execute("verify-backbone", "--model", MODEL.toString(), "--reference", REFERENCE.toString(),
                "--device", "cpu"));
    }

    @Test
    void zeroToleranceFails() {
        Run run = CliTestSupport.run("verify-backbone", "--model", MODEL.toString(), "--reference", REFERENCE.toString(),
                "--tolerance", "0");
        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.out().contains("FAIL"), run::describe);
    }

    @Test
    void missingModelIsBadInputOnOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("no").resolve("such-model");
        Run run = CliTestSupport.run("verify-backbone", "--model", missing.toString(), "--reference", REFERENCE.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run::describe);
        assertTrue(lines.get(0).startsWith("crosspt: "), run::describe);
        assertTrue(lines.get(0).contains(missing.toString()), run::describe);
        assertEquals("", run.out(), run::describe);
    }

    @Test
    void aReferenceForAnotherModelIsBadInputNamingWhatDiffers() {
        Path other = CliTestSupport.fixture("t5-tiny-gated").resolve("expected.safetensors");
        Run run = CliTestSupport.run("verify-backbone", "--model", MODEL.toString(), "--reference", other.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run::describe);
        assertTrue(lines.get(0).contains("logits has 700 entries per position, the model's vocab_size is 500")
                && lines.get(0).contains("encoder_hidden is 48 wide, the model's d_model is 64"), run::describe);
        assertEquals("", run.out(), run::describe);
    }

    @Test
    void negativeToleranceIsBadInput() {
        Run run = CliTestSupport.run("verify-backbone", "--model", MODEL.toString(), "--reference", REFERENCE.toString(),
                "--tolerance", "-1");
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run::describe);
        assertTrue(lines.get(0).startsWith("crosspt: ") && lines.get(0).contains("--tolerance"), run::describe);
    }
}
