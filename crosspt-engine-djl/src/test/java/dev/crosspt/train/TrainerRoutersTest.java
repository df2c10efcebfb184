package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.InputFeature;
import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every router trains with every selector; a per-example router gets one prompt per example, chosen from the
 * example's input; router parameters are checkpointed and resume exactly; bad router settings fail before training.
 */
class TrainerRoutersTest {

    @AutoClose
    private static BackboneAdapter backbone;

    private static List<TaskData> tasks;

    @BeforeAll
    static void load() {
        backbone = TrainerTestSupport.loadBackbone();
        tasks = TrainerTestSupport.tasks();
    }

    @ParameterizedTest
    // every selector with the per-example router (rows are examples), each per-task router once; the table with
    // softmax and relaxed-bernoulli is TableRouterGoldenTest
    @CsvSource({"linear, topk", "mlp, learned-pruning", "instance, softmax", "instance, topk",
            "instance, relaxed-bernoulli", "instance, learned-pruning"})
    void everyRouterTrainsWithEverySelector(String router, String selector, @TempDir Path dir) {
        TrainingSettings settings = TrainerTestSupport.settings().router(router, Map.of()).selector(selector, Map.of())
                .steps(3).evalEvery(3).build();
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, dir, TrainingListener.none())) {
            Map<String, float[]> before = trainer.snapshot();
            TrainingResult result = trainer.train();
            assertFalse(result.stoppedEarly(), result.stopReason());
            result.lossCurve().forEach(p -> assertTrue(Double.isFinite(p[1]), "loss at step " + p[0]));
            assertEquals(tasks.size(), result.routerWeights().length);
            for (double[] row : result.routerWeights()) {
                assertEquals(1.0, Arrays.stream(row).sum(), 1e-5, router + "/" + selector + " weights " + Arrays.toString(row));
            }
            assertEquals(router.equals("instance"), result.routerWeightSpread() != null, "spread only per example");
            // the trainer ends on the best checkpoint; the last one holds the parameters after 3 steps
            Path last = dir.resolve(MultiTaskTrainer.LAST_CHECKPOINT);
            List<String> routerParameters = before.keySet().stream().filter(n -> n.startsWith("router")).toList();
            assertFalse(routerParameters.isEmpty(), "router parameters in the trainer's groups: " + before.keySet());
            assertTrue(routerParameters.stream().anyMatch(n -> !Arrays.equals(before.get(n),
                    TrainerTestSupport.tensor(last, "param/" + n))),
                    router + "/" + selector + ": some router parameter must move in 3 steps");
        }
    }

    @Test
    void aPerExampleRouterComposesEachExamplesPromptFromItsInput() {
        List<Example> dev = tasks.get(0).dev();
        double[] x0 = new double[dev.size()];
        try (NDManager scope = backbone.newScope()) {
            float[] features = backbone.inputFeatures(scope, dev.stream().map(Example::input).toList(),
                    InputFeature.EMBEDDINGS).toFloatArray();
            int d = backbone.embeddingDim();
            for (int b = 0; b < x0.length; b++) {
                x0[b] = features[b * d];
            }
        }
        double[] sorted = x0.clone();
        Arrays.sort(sorted);
        InputSignRouterProvider.threshold = (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;

        List<float[]> scoredPrompts = new ArrayList<>();
        BackboneAdapter recording = recording(backbone, scoredPrompts, true);
        TrainingSettings settings = TrainerTestSupport.settings().variant(Variant.SL).encoder(PromptEncoderKind.IDENTITY)
                .router(InputSignRouterProvider.class.getName(), Map.of()).steps(1).evalEvery(1).build();
        float[] sources;
        TrainingResult result;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(recording, tasks, settings, null, TrainingListener.none())) {
            sources = trainer.snapshot().get("sources");
            result = trainer.train();
        }
        // the first batch scored is task 0's dev set at step 0, with the untrained sources
        float[] prompts = scoredPrompts.get(0);
        int size = sources.length / 2;
        assertEquals(dev.size() * size, prompts.length, "one prompt [L, d] per dev example");
        int first = 0;
        for (int b = 0; b < dev.size(); b++) {
            boolean sourceOne = x0[b] > InputSignRouterProvider.threshold;
            first += sourceOne ? 1 : 0;
            float[] expected = Arrays.copyOfRange(sources, sourceOne ? 0 : size, sourceOne ? size : 2 * size);
            assertArrayEquals(expected, Arrays.copyOfRange(prompts, b * size, (b + 1) * size), 1e-5f,
                    "example " + b + " (x0 " + x0[b] + "): its prompt must be source " + (sourceOne ? 1 : 2));
        }
        assertEquals(dev.size() / 2, first, "half the examples above the median take source 1");
        // reported per task: the mean over dev examples, with its spread
        assertArrayEquals(new double[] {0.5, 0.5}, result.routerWeights()[0], 1e-6);
        assertArrayEquals(new double[] {0.5, 0.5}, result.routerWeightSpread()[0], 1e-6);
    }

    @Test
    void routerParametersWithTheirOwnRateAreCheckpointedAndResumeExactly(@TempDir Path dirA, @TempDir Path dirB) {
        TrainingSettings settings = TrainerTestSupport.settings().router("instance", Map.of("learning-rate", 0.02))
                .steps(6).evalEvery(3).build();
        TrainingResult uninterrupted = TrainerTestSupport.train(backbone, tasks, settings, dirA, TrainingListener.none());
        try (MultiTaskTrainer crashing = new MultiTaskTrainer(backbone, tasks, settings, dirB, new TrainingListener() {
            @Override
            public void onStep(int step, double loss) {
                if (step == 4) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        })) {
            assertThrows(IllegalStateException.class, crashing::train);
        }
        TrainingResult resumed;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, dirB, TrainingListener.none())) {
            resumed = trainer.resume();
        }
        assertEquals(TrainerTestSupport.points(uninterrupted.lossCurve()), TrainerTestSupport.points(resumed.lossCurve()));
        for (String name : List.of("param/router.down", "param/router.up", "adam/m/router.up")) {
            float[] a = TrainerTestSupport.tensor(dirA.resolve(MultiTaskTrainer.LAST_CHECKPOINT), name);
            assertArrayEquals(a, TrainerTestSupport.tensor(dirB.resolve(MultiTaskTrainer.LAST_CHECKPOINT), name), name);
        }
        assertTrue(Files.notExists(dirA.resolve(MultiTaskTrainer.COMPOSED_PROMPTS)),
                "no per-task prompts to export from a per-example router");
    }

    @Test
    void anUnknownRouterNamesTheClosest() {
        TrainingSettings settings = TrainerTestSupport.settings().router("tabel", Map.of()).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new MultiTaskTrainer(backbone, tasks, settings, null, TrainingListener.none()).close());
        assertTrue(e.getMessage().contains("unknown router 'tabel'; did you mean 'table'?"), e.getMessage());
    }

    @Test
    void anEncoderInputOnABackboneWithoutEncoderOutputsFailsBeforeTrainingNamingTheSetting() {
        BackboneAdapter withoutEncoder = (BackboneAdapter) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BackboneAdapter.class}, (proxy, method, args) -> method.getName().equals("offers")
                        ? args[0] == InputFeature.EMBEDDINGS : invoke(method, backbone, args));
        TrainingSettings settings = TrainerTestSupport.settings().router("instance", Map.of("input", "encoder")).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new MultiTaskTrainer(withoutEncoder, tasks, settings, null, TrainingListener.none()).close());
        assertTrue(e.getMessage().contains("router 'instance'") && e.getMessage().contains("(setting 'input')"),
                e.getMessage());
        // pooled embeddings it can give
        TrainingSettings embeddings = settings.toBuilder().router("instance", Map.of()).steps(1).build();
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(withoutEncoder, tasks, embeddings, null, TrainingListener.none())) {
            assertNotNull(trainer.train());
        }
    }

    @Test
    void theDefaultTableKeepsItsCheckpointNameAndItsSettingsText() {
        TrainingSettings settings = TrainerTestSupport.settings().build();
        assertNull(settings.describe().get("router"), "the default router leaves the settings text as before");
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, null, TrainingListener.none())) {
            assertTrue(trainer.snapshot().containsKey("router"), trainer.snapshot().keySet().toString());
        }
        assertEquals("linear", settings.toBuilder().router("linear", Map.of()).build().describe().get("router"));
    }

    /** The backbone, recording the prompts of every {@code score} call (or {@code loss} call). */
    private static BackboneAdapter recording(BackboneAdapter real, List<float[]> prompts, boolean score) {
        return (BackboneAdapter) Proxy.newProxyInstance(TrainerRoutersTest.class.getClassLoader(),
                new Class<?>[] {BackboneAdapter.class}, (proxy, method, args) -> {
                    if (method.getName().equals(score ? "score" : "loss")) {
                        prompts.add(((NDArray) args[score ? 2 : 3]).toFloatArray());
                    }
                    return invoke(method, real, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
