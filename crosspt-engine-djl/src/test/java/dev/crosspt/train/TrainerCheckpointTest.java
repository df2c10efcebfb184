package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.data.TaskData;
import dev.crosspt.djl.TestFixtures;
import dev.crosspt.verify.ReferenceSet;
import dev.crosspt.verify.TextInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One SLP run whose private rate is negligible: its checkpoints hold exactly the prompt parameters and their AdamW
 * state, the private prompts stay put while the shared ones move, and the backbone computes what transformers
 * computed before and after training.
 */
class TrainerCheckpointTest {

    private static final double TINY_PRIVATE_RATE = 1e-9;

    @AutoClose
    private static BackboneAdapter backbone;

    @TempDir
    private static Path runDir;

    private static List<TaskData> tasks;
    private static TrainingSettings settings;
    private static TrainingResult result;
    private static Path step10;
    private static double lossBeforeTraining;

    @BeforeAll
    static void train() {
        backbone = TrainerTestSupport.loadBackbone();
        tasks = TrainerTestSupport.tasks();
        lossBeforeTraining = referenceLoss();
        settings = TrainerTestSupport.settings().variant(Variant.SLP).privateLearningRate(TINY_PRIVATE_RATE).steps(20)
                .evalEvery(10).build();
        step10 = runDir.resolve("checkpoint-step-10.safetensors");
        result = TrainerTestSupport.train(backbone, tasks, settings, runDir, new TrainingListener() {
            @Override
            public void onStep(int step, double loss) {
                if (step == 10) {
                    // the step-10 evaluation wrote the last checkpoint just before this (0-based) step 10
                    TrainerTestSupport.copy(runDir.resolve(MultiTaskTrainer.LAST_CHECKPOINT), step10);
                }
            }
        });
    }

    private static Path last() {
        return runDir.resolve(MultiTaskTrainer.LAST_CHECKPOINT);
    }

    @Test
    void privatePromptsBarelyMoveAtATinyRateWhileSharedOnesLearn() {
        assertTrue(!result.stoppedEarly(), result::stopReason);
        float[] privates10 = TrainerTestSupport.tensor(step10, "param/privates");
        float[] privates20 = TrainerTestSupport.tensor(last(), "param/privates");
        double privateChange = TrainerTestSupport.maxAbsDifference(privates10, privates20);
        double sourceChange = TrainerTestSupport.maxAbsDifference(TrainerTestSupport.tensor(step10, "param/sources"),
                TrainerTestSupport.tensor(last(), "param/sources"));
        double routerChange = TrainerTestSupport.maxAbsDifference(TrainerTestSupport.tensor(step10, "param/router"),
                TrainerTestSupport.tensor(last(), "param/router"));
        assertTrue(privateChange < 1e-5, "private prompts moved by " + privateChange + " at rate " + TINY_PRIVATE_RATE);
        assertTrue(sourceChange > 1e-3, "source prompts moved by only " + sourceChange);
        assertTrue(routerChange > 1e-3, "router logits moved by only " + routerChange);
        // the private prompts did get gradients: it is the rate that holds them still
        double firstMoment = 0;
        for (float m : TrainerTestSupport.tensor(last(), "adam/m/privates")) {
            firstMoment = Math.max(firstMoment, Math.abs(m));
        }
        assertTrue(firstMoment > 1e-6, "the private prompts got no gradient (largest Adam first moment " + firstMoment + ")");
    }

    @Test
    void theLastCheckpointHoldsSettingsStepAndEveryPromptParameterWithItsAdamState() {
        Set<String> parameters = Set.of("sources", "router", "privates", "encoder.weight", "encoder.bias");
        Set<String> expectedNames = new TreeSet<>();
        for (String p : parameters) {
            expectedNames.add("param/" + p);
            expectedNames.add("adam/m/" + p);
            expectedNames.add("adam/v/" + p);
        }
        try (SafetensorsFile st = SafetensorsFile.open(last())) {
            Map<String, String> meta = st.metadata();
            assertEquals("crosspt-training-checkpoint-1", meta.get("format"));
            assertEquals("20", meta.get("step"));
            assertEquals(Integer.toString(result.bestStep()), meta.get("best_step"));
            JsonObject saved = JsonParser.parseString(meta.get("settings")).getAsJsonObject();
            assertEquals("SLP", saved.get("variant").getAsString());
            assertEquals(2, saved.get("sources").getAsInt());
            assertEquals(4, saved.get("prompt_length").getAsInt());
            assertEquals(17, saved.get("seed").getAsLong());
            assertEquals(TINY_PRIVATE_RATE, saved.get("private_lr").getAsDouble());
            assertEquals("softmax", saved.get("selector").getAsString());
            JsonArray savedTasks = JsonParser.parseString(meta.get("tasks")).getAsJsonArray();
            List<String> savedNames = new ArrayList<>();
            savedTasks.forEach(e -> savedNames.add(e.getAsString()));
            assertEquals(tasks.stream().map(TaskData::name).toList(), savedNames);
            // the backbone entries that change results, sorted; not the model's path, the engine or the device
            JsonObject savedBackbone = JsonParser.parseString(meta.get("backbone")).getAsJsonObject();
            assertEquals(List.of("backbone", "max_input_tokens", "max_target_tokens", "shape", "weights"),
                    List.copyOf(savedBackbone.keySet()));
            assertEquals("64", savedBackbone.get("max_input_tokens").getAsString());
            assertEquals(backbone.describe().get("shape"), savedBackbone.get("shape").getAsString());
            assertEquals(backbone.describe().get("weights"), savedBackbone.get("weights").getAsString());
            assertTrue(savedBackbone.get("weights").getAsString().matches("sha256:[0-9a-f]{16}"),
                    savedBackbone.toString());
            JsonArray lossCurve = JsonParser.parseString(meta.get("loss_curve")).getAsJsonArray();
            assertEquals(20, lossCurve.size(), "loss points saved");
            JsonObject adamSteps = JsonParser.parseString(meta.get("adam_steps")).getAsJsonObject();
            for (String p : parameters) {
                assertEquals(20, adamSteps.get(p).getAsLong(), "Adam steps of " + p);
            }

            // prompt parameters only: no backbone weight is trained or saved
            assertEquals(expectedNames, new TreeSet<>(st.tensors().keySet()));
            assertArrayEquals(new long[] {2, 4, 64}, st.info("param/sources").shape());
            assertArrayEquals(new long[] {3, 4, 64}, st.info("param/privates").shape());
            assertArrayEquals(new long[] {3, 3}, st.info("param/router").shape());
            assertArrayEquals(new long[] {64, 64}, st.info("param/encoder.weight").shape());
            for (TensorInfo info : st.tensors().values()) {
                if (info.name().startsWith("adam/")) {
                    String param = "param/" + info.name().substring("adam/m/".length());
                    assertArrayEquals(st.info(param).shape(), info.shape(), info.name() + " shape");
                    float[] values = st.readFloats(info.name());
                    for (float v : values) {
                        assertTrue(Float.isFinite(v), info.name() + " holds " + v);
                    }
                }
            }
        }
        try (SafetensorsFile st = SafetensorsFile.open(step10)) {
            assertEquals("10", st.metadata().get("step"));
        }
    }

    @Test
    void theBackboneComputesTransformersLossBeforeAndAfterTraining() {
        float expected = ReferenceSet.load(TestFixtures.expected(TestFixtures.RELU)).get("loss_prompted").floats()[0];
        assertEquals(expected, lossBeforeTraining, 1e-4 * Math.abs(expected), "before training");
        assertEquals(expected, referenceLoss(), 1e-4 * Math.abs(expected), "after training: the backbone changed");
    }

    /** The loss of the fixture's reference texts with its reference prompt, through the adapter. */
    private static double referenceLoss() {
        ReferenceSet reference = ReferenceSet.load(TestFixtures.expected(TestFixtures.RELU));
        TextInputs texts = reference.texts().orElseThrow();
        assertNotNull(reference.get("prompt"));
        try (NDManager scope = backbone.newScope()) {
            var prompt = scope.create(reference.get("prompt").floats(), new Shape(reference.get("prompt").shape()));
            return backbone.loss(scope, new ArrayList<>(texts.inputs()), new ArrayList<>(texts.targets()), prompt, false)
                    .getFloat();
        }
    }
}
