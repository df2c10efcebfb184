package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.peft.PeftPromptAdapter;
import dev.crosspt.train.MultiTaskTrainer;
import dev.crosspt.train.SourceBank;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeftCommandTest {

    @TempDir
    Path dir;

    private Path runWithPrompts(float offset) {
        Path run = dir.resolve("run" + offset);
        float[] rte = new float[3 * 4];
        float[] mrpc = new float[3 * 4];
        for (int i = 0; i < rte.length; i++) {
            rte[i] = offset + i;
            mrpc[i] = -i;
        }
        new SafetensorsWriter()
                .putFloats("task/rte", new long[] {3, 4}, rte, DType.F32)
                .putFloats("task/mrpc", new long[] {3, 4}, mrpc, DType.F32)
                .write(run.resolve(MultiTaskTrainer.COMPOSED_PROMPTS));
        return run;
    }

    @Test
    void exportedAdaptersImportAsASourceBankWithTheSameValues() throws Exception {
        Path first = dir.resolve("adapter-a");
        Path second = dir.resolve("adapter-b");
        assertEquals(0, CliTestSupport.run("peft", "export", "--run", runWithPrompts(0).toString(), "--task", "rte",
                "--out", first.toString()).exitCode());
        assertEquals(0, CliTestSupport.run("peft", "export", "--run", runWithPrompts(100).toString(), "--task", "rte",
                "--out", second.toString()).exitCode());
        assertTrue(Files.isRegularFile(first.resolve(PeftPromptAdapter.CONFIG_FILE)));
        Path bank = dir.resolve("bank.safetensors");
        CliTestSupport.Run imported = CliTestSupport.run("peft", "import", "--adapters", first + "," + second,
                "--out", bank.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        float[] values = SourceBank.read(bank, 2, 3, 4);
        for (int i = 0; i < 12; i++) {
            assertEquals(i, values[i], "first source, value " + i);
            assertEquals(100 + i, values[12 + i], "second source, value " + i);
        }
        try (SafetensorsFile adapter = SafetensorsFile.open(first.resolve(PeftPromptAdapter.WEIGHTS_FILE))) {
            assertArrayEquals(new long[] {3, 4}, adapter.info(PeftPromptAdapter.TENSOR).shape());
        }
    }

    @Test
    void theBaseModelComesFromTheRunsManifestAndMustHaveThePromptsWidth() throws Exception {
        Path model = CliTestSupport.fixture("t5-tiny-relu"); // d_model 64
        Path run = dir.resolve("wide");
        new SafetensorsWriter().putFloats("task/rte", new long[] {2, 64}, new float[2 * 64], DType.F32)
                .write(run.resolve(MultiTaskTrainer.COMPOSED_PROMPTS));
        Files.writeString(run.resolve("manifest.json"), "{\"backbone\": {\"model\": \"" + model + "\"}}");
        Path out = dir.resolve("adapter-wide");
        CliTestSupport.Run exported = CliTestSupport.run("peft", "export", "--run", run.toString(), "--task", "rte",
                "--out", out.toString());
        assertEquals(0, exported.exitCode(), exported::describe);
        String config = Files.readString(out.resolve(PeftPromptAdapter.CONFIG_FILE));
        assertTrue(config.contains("\"base_model_name_or_path\": \"" + model + "\""), config);

        // the 4-wide prompts of runWithPrompts do not fit a 64-wide model: refused, nothing written
        Path narrow = dir.resolve("adapter-narrow");
        CliTestSupport.Run refused = CliTestSupport.run("peft", "export", "--run", runWithPrompts(0).toString(),
                "--task", "rte", "--base-model", model.toString(), "--out", narrow.toString());
        assertEquals(2, refused.exitCode(), refused::describe);
        assertTrue(refused.err().contains("4 wide") && refused.err().contains("d_model 64"), refused::describe);
        assertTrue(Files.notExists(narrow), "no adapter is written");
    }

    @Test
    void anUnknownTaskIsOneLineNamingTheTasksThere() {
        CliTestSupport.Run run = CliTestSupport.run("peft", "export", "--run", runWithPrompts(0).toString(), "--task",
                "cola", "--out", dir.resolve("x").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("crosspt: ") && run.err().contains("cola") && run.err().contains("rte"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void adaptersOfDifferentLengthsCannotShareABank() {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        PeftPromptAdapter.export(a, new float[3 * 4], 3, 4, java.util.Map.of());
        PeftPromptAdapter.export(b, new float[5 * 4], 5, 4, java.util.Map.of());
        CliTestSupport.Run run = CliTestSupport.run("peft", "import", "--adapters", a + "," + b, "--out",
                dir.resolve("bank.safetensors").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("[5, 4]") && run.err().contains("[3, 4]"), run.err());
        assertTrue(Files.notExists(dir.resolve("bank.safetensors")), "no bank is written");
    }
}
