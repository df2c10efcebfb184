package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.cli.CliTestSupport.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./crosspt run}: a tiny spec on the mini GLUE and the tiny T5, alone and with a user's Guice module. */
@Timeout(60)
class RunCommandTest {

    @TempDir
    Path tmp;

    /** A tiny spec writing into {@code out}; {@code extra} lines are appended. */
    static Path tinySpec(Path dir, Path out, String extra) throws IOException {
        String yaml = "name: tiny\n"
                + "out: " + out + "\n"
                + "backbone: {model: " + CliTestSupport.fixture("t5-tiny-relu") + ", max_input_tokens: 64, max_target_tokens: 8}\n"
                + "data: {dir: " + CliTestSupport.testdata().resolve("glue-mini") + ", tasks: [rte, mrpc], shots: 2}\n"
                + "training: {variant: SLP, steps: 2, eval_every: 2, batch_size: 4, prompt_length: 3, seed: 1}\n"
                + extra;
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aTinySpecRunsAndWritesResults() throws IOException {
        Path out = tmp.resolve("run");
        Run run = CliTestSupport.run("run", tinySpec(tmp, out, "").toString());
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(Files.isRegularFile(out.resolve("results.csv")), run::describe);
        assertTrue(Files.readString(out.resolve("results.csv")).contains("SLP,rte,2,1,score,"));
        assertEquals(2, training(out).get("steps").getAsInt());
    }

    @Test
    void anAssemblyModuleOverridesTheSpecsTrainingSettings() throws IOException {
        Path out = tmp.resolve("assembled");
        Run run = CliTestSupport.run("run", tinySpec(tmp, out, "").toString(), "--assembly",
                StepsOneModule.class.getName());
        assertEquals(0, run.exitCode(), run::describe);
        JsonObject training = training(out);
        assertEquals(1, training.get("steps").getAsInt());
        assertEquals("P", training.get("variant").getAsString());
        assertTrue(Files.readString(out.resolve("results.csv")).contains("P,rte,2,7,score,"));
    }

    @Test
    void anAssemblyThatBindsEverythingRunsWithoutASpec() throws IOException {
        Path out = tmp.resolve("whole");
        WholeExperimentModule.out = out;
        Run run = CliTestSupport.run("run", "--assembly", WholeExperimentModule.class.getName());
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(3, training(out).get("seed").getAsInt());
        assertTrue(Files.readString(out.resolve("results.csv")).contains("SLP,rte,2,3,score,"));
    }

    @Test
    void aSelectorThatOnlyTheAssemblyBindsReachesTheTrainer() throws IOException {
        Path out = tmp.resolve("uniform");
        int before = UniformSelectorModule.CALLS.get();
        Run run = CliTestSupport.run("run", tinySpec(tmp, out, "").toString(), "--assembly",
                UniformSelectorModule.class.getName());
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("uniform-test", training(out).get("selector").getAsString());
        assertTrue(UniformSelectorModule.CALLS.get() > before, "the module's selector computed the weights");
    }

    @Test
    void badSpecsAndModulesAreOneLineRefusals() throws IOException {
        Path spec = tinySpec(tmp, tmp.resolve("x"), "selecter: {name: softmax}\n");
        Run run = CliTestSupport.run("run", spec.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        assertTrue(run.err().startsWith("crosspt: " + spec + ": 1 problem: selecter: unknown key"), run::describe);
        assertEquals(1, run.err().lines().count(), run::describe);

        Run noClass = CliTestSupport.run("run", "--assembly", "com.example.Missing");
        assertEquals(Main.EXIT_BAD_INPUT, noClass.exitCode(), noClass::describe);
        assertTrue(noClass.err().contains("no class com.example.Missing"), noClass::describe);

        // the module alone binds only training settings: Guice says what is missing
        Run partial = CliTestSupport.run("run", "--assembly", StepsOneModule.class.getName());
        assertEquals(Main.EXIT_BAD_INPUT, partial.exitCode(), partial::describe);
        assertTrue(partial.err().contains("experiment assembly failed"), partial::describe);
        assertTrue(partial.err().contains("DataSettings"), partial::describe);
        assertEquals(1, partial.err().lines().count(), partial::describe);
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void aSpecsDataTasksAndModelAreCheckedWithEveryOtherProblemBeforeAnythingIsWritten() throws IOException {
        Path out = tmp.resolve("inputs");
        String yaml = "name: inputs\n"
                + "out: " + out + "\n"
                + "backbone: {model: " + tmp.resolve("no-model") + "}\n"
                + "data: {dir: " + CliTestSupport.testdata().resolve("glue-mini") + ", tasks: [rte, mrcp], shots: 2}\n"
                + "training: {steps: 2}\n"
                + "selecter: {name: softmax}\n";
        Path spec = Files.writeString(tmp.resolve("inputs.yaml"), yaml);
        Run run = CliTestSupport.run("run", spec.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        assertEquals(1, run.err().lines().count(), run::describe);
        assertTrue(run.err().contains("3 problems"), run::describe);
        assertTrue(run.err().contains("data.tasks: no task 'mrcp'") && run.err().contains("did you mean 'mrpc'"),
                run::describe);
        assertTrue(run.err().contains("backbone.model: ") && run.err().contains("no-model"), run::describe);
        assertTrue(run.err().contains("selecter: unknown key"), run::describe);
        assertFalse(run.err().contains("--tasks") || run.err().contains("--model"), run::describe);
        assertFalse(Files.exists(out), run::describe);

        Path missingData = Files.writeString(tmp.resolve("nodata.yaml"), yaml.replace(
                CliTestSupport.testdata().resolve("glue-mini").toString(), tmp.resolve("no-data").toString()));
        Run noData = CliTestSupport.run("run", missingData.toString());
        assertTrue(noData.err().contains("data.dir: ") && noData.err().contains("no such folder"), noData::describe);
    }

    @Test
    void aSpecWithAGridIsRefusedPointingToAblate() throws IOException {
        Path out = tmp.resolve("grid");
        Path spec = tinySpec(tmp, out, "grid: {training.seed: [1, 2]}\n");
        Run run = CliTestSupport.run("run", spec.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        assertTrue(run.err().contains("./crosspt ablate " + spec), run::describe);
        assertFalse(Files.exists(out), run::describe);
    }

    @Test
    void aSecondRunIntoTheSpecsOutIsRefusedUnlessItResumesOrOverwrites() throws IOException {
        Path out = tmp.resolve("twice");
        Path spec = tinySpec(tmp, out, "");
        assertEquals(0, CliTestSupport.run("run", spec.toString()).exitCode());
        String firstResults = Files.readString(out.resolve("results.csv"));
        Files.writeString(out.resolve("stale.txt"), "from the first run");

        Run again = CliTestSupport.run("run", spec.toString());
        assertEquals(Main.EXIT_BAD_INPUT, again.exitCode(), again::describe);
        assertTrue(again.err().contains("out: " + out) && again.err().contains("--overwrite"), again::describe);
        assertEquals(firstResults, Files.readString(out.resolve("results.csv")));

        Run replaced = CliTestSupport.run("run", spec.toString(), "--overwrite");
        assertEquals(0, replaced.exitCode(), replaced::describe);
        assertFalse(Files.exists(out.resolve("stale.txt")), "the earlier run was replaced whole");
        assertTrue(Files.isRegularFile(out.resolve("results.csv")), replaced::describe);
    }

    private static JsonObject training(Path out) throws IOException {
        return JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject()
                .getAsJsonObject("training");
    }
}
