package dev.crosspt.train;

import static dev.crosspt.train.TrainerTestSupport.points;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.data.TaskData;
import dev.crosspt.djl.TestFixtures;
import dev.crosspt.djl.adapter.T5BackboneAdapterProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted after a checkpoint and resumed in a new trainer ends exactly as the uninterrupted run; resume
 * refuses checkpoints of other settings, tasks or backbone settings (token limits, weights), and a directory without
 * one, but accepts a moved model, another device or engine, free-form describe() entries that differ, and
 * checkpoints written before the backbone or its weights were recorded.
 */
class TrainerResumeTest {

    /** Thrown by the listener to simulate a crash between two steps. */
    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(int step) {
            super("simulated crash at step " + step);
        }
    }

    @AutoClose
    private static BackboneAdapter backbone;

    private static List<TaskData> tasks;
    private static TrainingSettings settings;

    @BeforeAll
    static void load() {
        backbone = TrainerTestSupport.loadBackbone();
        tasks = TrainerTestSupport.tasks();
        settings = TrainerTestSupport.settings().steps(30).evalEvery(10).build();
    }

    @Test
    void aResumedRunEndsExactlyAsTheUninterruptedOne(@TempDir Path dirA, @TempDir Path dirB) {
        TrainingResult uninterrupted = TrainerTestSupport.train(backbone, tasks, settings, dirA, TrainingListener.none());
        assertEquals(30, uninterrupted.lossCurve().size());

        // run B dies in step 15 (0-based), after the checkpoint of step 10 was written
        List<Integer> stepsBeforeCrash = new ArrayList<>();
        try (MultiTaskTrainer crashing = new MultiTaskTrainer(backbone, tasks, settings, dirB, new TrainingListener() {
            @Override
            public void onStep(int step, double loss) {
                stepsBeforeCrash.add(step);
                if (step == 15) {
                    throw new SimulatedCrash(step);
                }
            }
        })) {
            assertThrows(SimulatedCrash.class, crashing::train);
        }
        assertEquals(16, stepsBeforeCrash.size(), "steps run before the crash");
        assertTrue(Files.isRegularFile(dirB.resolve(MultiTaskTrainer.LAST_CHECKPOINT)), "no last checkpoint in " + dirB);

        List<int[]> starts = new ArrayList<>();
        List<Integer> resumedSteps = new ArrayList<>();
        TrainingResult resumed;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, dirB, new TrainingListener() {
            @Override
            public void onStart(int startStep, int totalSteps) {
                starts.add(new int[] {startStep, totalSteps});
            }

            @Override
            public void onStep(int step, double loss) {
                resumedSteps.add(step);
            }
        })) {
            resumed = trainer.resume();
        }
        assertEquals(1, starts.size());
        assertArrayEquals(new int[] {10, 30}, starts.get(0), "resume starts after the last checkpoint (step 10)");
        assertEquals(20, resumedSteps.size(), "steps run after resuming: " + resumedSteps);
        assertEquals(10, resumedSteps.get(0));

        assertEquals(points(uninterrupted.lossCurve()), points(resumed.lossCurve()), "loss curve after resume");
        assertEquals(uninterrupted.testScores(), resumed.testScores(), "test scores after resume");
        assertEquals(uninterrupted.devScores(), resumed.devScores(), "dev scores after resume");
        assertEquals(points(uninterrupted.devCurve()), points(resumed.devCurve()), "dev curve after resume");
        assertEquals(uninterrupted.bestStep(), resumed.bestStep(), "best step after resume");
        for (int t = 0; t < tasks.size(); t++) {
            assertArrayEquals(uninterrupted.routerWeights()[t], resumed.routerWeights()[t], "router weights of task " + t);
        }
        assertArrayEquals(TrainerTestSupport.tensor(dirA.resolve(MultiTaskTrainer.LAST_CHECKPOINT), "param/sources"),
                TrainerTestSupport.tensor(dirB.resolve(MultiTaskTrainer.LAST_CHECKPOINT), "param/sources"),
                "final source prompts differ");
    }

    @Test
    void resumeRefusesACheckpointWrittenWithOtherSettings(@TempDir Path dir) {
        TrainingSettings shortRun = settings.toBuilder().steps(10).build();
        TrainerTestSupport.train(backbone, tasks, shortRun, dir, TrainingListener.none());

        TrainingSettings other = shortRun.toBuilder().sharedLearningRate(0.2).build();
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, other, dir, TrainingListener.none())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, trainer::resume);
            assertTrue(e.getMessage().contains("other settings"), e.getMessage());
            assertTrue(e.getMessage().contains(MultiTaskTrainer.LAST_CHECKPOINT), e.getMessage());
        }
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks.subList(0, 2), shortRun, dir,
                TrainingListener.none())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, trainer::resume);
            assertTrue(e.getMessage().contains(tasks.get(2).name()), "names the saved tasks: " + e.getMessage());
        }
    }

    @Test
    void resumeWithoutACheckpointNamesTheMissingFile(@TempDir Path empty) {
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, empty, TrainingListener.none())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, trainer::resume);
            assertTrue(e.getMessage().contains(MultiTaskTrainer.LAST_CHECKPOINT), e.getMessage());
            assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        }
    }

    @Test
    void resumeRefusesABackboneWithOtherTokenLimitsAndNamesTheDifference(@TempDir Path dir) {
        TrainingSettings shortRun = settings.toBuilder().steps(10).build();
        TrainerTestSupport.train(backbone, tasks, shortRun, dir, TrainingListener.none());

        try (BackboneAdapter shorterInputs = load(TestFixtures.fixture(TestFixtures.RELU), 32);
                MultiTaskTrainer trainer = new MultiTaskTrainer(shorterInputs, tasks, shortRun, dir,
                        TrainingListener.none())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, trainer::resume);
            String message = e.getMessage();
            assertTrue(message.contains(dir.resolve(MultiTaskTrainer.LAST_CHECKPOINT).toString()), message);
            assertTrue(message.contains("max_input_tokens: saved 64, current 32"), message);
            assertTrue(message.contains("resume needs the same backbone settings"), message);
            assertFalse(message.contains("max_target_tokens"), "names only the entry that differs: " + message);
        }
    }

    @Test
    void resumeRefusesABestCheckpointOfAnotherBackbone(@TempDir Path dir) {
        TrainingSettings shortRun = settings.toBuilder().steps(10).build();
        TrainerTestSupport.train(backbone, tasks, shortRun, dir, TrainingListener.none());
        Path best = dir.resolve(MultiTaskTrainer.BEST_CHECKPOINT);
        // the last checkpoint matches; only the best one, whose prompts the run ends on, came from other limits
        rewriteMetadata(best, meta -> {
            JsonObject saved = JsonParser.parseString(meta.get("backbone")).getAsJsonObject();
            saved.addProperty("max_target_tokens", "50");
            meta.put("backbone", saved.toString());
        });

        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, shortRun, dir, TrainingListener.none())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, trainer::resume);
            assertTrue(e.getMessage().contains(best.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("max_target_tokens: saved 50, current 8"), e.getMessage());
        }
    }

    @Test
    void resumeAcceptsAMovedModelOnAnotherDevice(@TempDir Path dir, @TempDir Path moved) {
        TrainingSettings shortRun = settings.toBuilder().steps(10).build();
        TrainerTestSupport.train(backbone, tasks, shortRun, dir, TrainingListener.none());
        TestFixtures.copy(TestFixtures.RELU, moved, "config.json", "model.safetensors", "tokenizer.json",
                "tokenizer_config.json", "generation_config.json");

        try (BackboneAdapter elsewhere = new Redescribed(load(moved, 64),
                Map.of("device", "gpu(0)", "engine", "PyTorch 9.9.9"));
                MultiTaskTrainer trainer = new MultiTaskTrainer(elsewhere, tasks, shortRun, dir,
                        TrainingListener.none())) {
            assertNotEquals(backbone.describe().get("model"), elsewhere.describe().get("model"));
            assertNotEquals(backbone.describe().get("device"), elsewhere.describe().get("device"));
            assertEquals(backbone.describe().get("weights"), elsewhere.describe().get("weights"),
                    "a copy of the weights in another folder has the same fingerprint");
            TrainingResult resumed = trainer.resume();
            assertEquals(10, resumed.lossCurve().size(), "the saved loss curve carries over");
        }
    }

    @Test
    void resumeAcceptsACheckpointWrittenBeforeTheBackboneWasRecorded(@TempDir Path dir) {
        TrainingSettings shortRun = settings.toBuilder().steps(10).build();
        TrainerTestSupport.train(backbone, tasks, shortRun, dir, TrainingListener.none());
        for (String name : List.of(MultiTaskTrainer.LAST_CHECKPOINT, MultiTaskTrainer.BEST_CHECKPOINT)) {
            rewriteMetadata(dir.resolve(name), meta -> assertNotNull(meta.remove("backbone"), name));
        }

        List<int[]> starts = new ArrayList<>();
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, shortRun, dir, new TrainingListener() {
            @Override
            public void onStart(int startStep, int totalSteps) {
                starts.add(new int[] {startStep, totalSteps});
            }
        })) {
            trainer.resume();
        }
        assertEquals(1, starts.size());
        assertArrayEquals(new int[] {10, 10}, starts.get(0), "resumed from the old checkpoint's step");
    }

    @Test
    void resumeRefusesACheckpointOfOtherWeightsOfTheSameShape(@TempDir Path dir, @TempDir Path other) {
        TrainingSettings shortRun = settings.toBuilder().steps(10).build();
        TrainerTestSupport.train(backbone, tasks, shortRun, dir, TrainingListener.none());
        // the fixture's tensors, every value changed a little: same names, dtypes and shapes
        TestFixtures.writeWeights(TestFixtures.map(TestFixtures.weights(TestFixtures.RELU), v -> v * 0.9f + 0.001f),
                other.resolve("model.safetensors"), DType.F32);
        TestFixtures.copy(TestFixtures.RELU, other, "config.json", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json");

        try (BackboneAdapter retrained = load(other, 64);
                MultiTaskTrainer trainer = new MultiTaskTrainer(retrained, tasks, shortRun, dir,
                        TrainingListener.none())) {
            String saved = backbone.describe().get("weights");
            String current = retrained.describe().get("weights");
            assertEquals(backbone.describe().get("shape"), retrained.describe().get("shape"),
                    "the shape alone cannot tell them apart");
            assertNotEquals(saved, current);
            InvalidInputException e = assertThrows(InvalidInputException.class, trainer::resume);
            String message = e.getMessage();
            assertTrue(message.contains(dir.resolve(MultiTaskTrainer.LAST_CHECKPOINT).toString()), message);
            assertTrue(message.contains("weights: saved " + saved + ", current " + current), message);
            assertTrue(message.contains("only the model's path, the engine and the device may change"), message);
            assertFalse(message.contains("shape:"), "names only the entry that differs: " + message);
        }
    }

    @Test
    void describeEntriesOutsideTheComparedOnesNeitherAreStoredNorBlockResume(@TempDir Path dir) {
        TrainingSettings shortRun = settings.toBuilder().steps(10).build();
        // a plugin adapter that reports what varies between runs of the same setup
        try (BackboneAdapter first = new Redescribed(TrainerTestSupport.loadBackbone(),
                Map.of("threads", "2", "cache", "/tmp/cache-a"))) {
            TrainerTestSupport.train(first, tasks, shortRun, dir, TrainingListener.none());
        }
        try (SafetensorsFile st = SafetensorsFile.open(dir.resolve(MultiTaskTrainer.LAST_CHECKPOINT))) {
            JsonObject saved = JsonParser.parseString(st.metadata().get("backbone")).getAsJsonObject();
            assertEquals(List.of("backbone", "max_input_tokens", "max_target_tokens", "shape", "weights"),
                    List.copyOf(saved.keySet()));
        }

        String log;
        try (BackboneAdapter second = new Redescribed(TrainerTestSupport.loadBackbone(),
                Map.of("threads", "8", "cache", "/tmp/cache-b"));
                MultiTaskTrainer trainer = new MultiTaskTrainer(second, tasks, shortRun, dir,
                        TrainingListener.none())) {
            log = stderrOf(trainer::resume);
        }
        assertFalse(log.contains("could not be compared"), "every compared entry was stored: " + log);
    }

    @Test
    void resumeAcceptsACheckpointWrittenBeforeTheWeightsWereRecordedWithOneWarning(@TempDir Path dir) {
        TrainingSettings shortRun = settings.toBuilder().steps(10).build();
        TrainerTestSupport.train(backbone, tasks, shortRun, dir, TrainingListener.none());
        for (String name : List.of(MultiTaskTrainer.LAST_CHECKPOINT, MultiTaskTrainer.BEST_CHECKPOINT)) {
            rewriteMetadata(dir.resolve(name), meta -> {
                JsonObject saved = JsonParser.parseString(meta.get("backbone")).getAsJsonObject();
                assertNotNull(saved.remove("weights"), name);
                meta.put("backbone", saved.toString());
            });
        }

        List<int[]> starts = new ArrayList<>();
        String log;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, shortRun, dir, new TrainingListener() {
            @Override
            public void onStart(int startStep, int totalSteps) {
                starts.add(new int[] {startStep, totalSteps});
            }
        })) {
            log = stderrOf(trainer::resume);
        }
        assertEquals(1, starts.size());
        assertArrayEquals(new int[] {10, 10}, starts.get(0), "resumed from the checkpoint's step");
        List<String> warnings = log.lines().filter(line -> line.contains("could not be compared")).toList();
        assertEquals(1, warnings.size(), "one warning: " + log);
        String warning = warnings.get(0);
        assertTrue(warning.contains("WARN"), warning);
        assertTrue(warning.contains(dir.resolve(MultiTaskTrainer.LAST_CHECKPOINT).toString()), warning);
        assertTrue(warning.contains("backbone's weights,"), "names the entry: " + warning);
        assertTrue(warning.contains(backbone.describe().get("weights")), "and the current value: " + warning);
    }

    @Test
    void onlyTheNamedEntriesAreCompared() {
        Map<String, String> saved = Map.of("backbone", "t5", "shape", "s", "weights", "sha256:1", "threads", "2",
                "model", "/a", "engine", "PyTorch 1");
        Map<String, String> current = Map.of("backbone", "t5", "shape", "s", "max_input_tokens", "64",
                "threads", "4", "model", "/b", "engine", "PyTorch 2", "device", "gpu(0)");
        // an entry the checkpoint has but the backbone lacks is a difference; free-form entries are not compared
        assertEquals(List.of("weights: saved sha256:1, current none"),
                TrainingCheckpoint.backboneDifferences(saved, current));
        // an entry the checkpoint lacks is not compared, and reported
        assertEquals(List.of("max_input_tokens"), TrainingCheckpoint.uncomparedBackboneEntries(saved, current));
        assertEquals(List.of(), TrainingCheckpoint.backboneDifferences(current, current));
        assertEquals(List.of(), TrainingCheckpoint.uncomparedBackboneEntries(current, current));
    }

    /**
     * What slf4j-simple (the tests' binding, which writes to whatever {@code System.err} is at the time) logs while
     * {@code action} runs.
     */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    /** The relu fixture from {@code model} with {@code maxInputTokens}, on the CPU, 8 target tokens. */
    private static BackboneAdapter load(Path model, int maxInputTokens) {
        return new T5BackboneAdapterProvider().load(new BackboneOptions(model.toString(), "cpu", 0, maxInputTokens, 8));
    }

    /** Rewrites a checkpoint with changed metadata and the same tensors (a checkpoint of another version, say). */
    private static void rewriteMetadata(Path file, Consumer<Map<String, String>> change) {
        SafetensorsWriter writer = new SafetensorsWriter();
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            Map<String, String> meta = new LinkedHashMap<>(st.metadata());
            change.accept(meta);
            meta.forEach(writer::metadata);
            for (TensorInfo info : st.tensors().values()) {
                writer.putFloats(info.name(), info.shape(), st.readFloats(info.name()), DType.F32);
            }
        }
        writer.write(file);
    }

    /** A backbone that reports some {@code describe()} entries differently: the same model seen elsewhere. */
    private static final class Redescribed implements BackboneAdapter {
        private final BackboneAdapter delegate;
        private final Map<String, String> overrides;

        Redescribed(BackboneAdapter delegate, Map<String, String> overrides) {
            this.delegate = delegate;
            this.overrides = overrides;
        }

        @Override
        public Map<String, String> describe() {
            Map<String, String> out = new LinkedHashMap<>(delegate.describe());
            out.putAll(overrides);
            return out;
        }

        @Override
        public int embeddingDim() {
            return delegate.embeddingDim();
        }

        @Override
        public boolean supportsTraining() {
            return delegate.supportsTraining();
        }

        @Override
        public void setRandomSeed(long seed) {
            delegate.setRandomSeed(seed);
        }

        @Override
        public NDManager newScope() {
            return delegate.newScope();
        }

        @Override
        public GradientCollector newGradientCollector() {
            return delegate.newGradientCollector();
        }

        @Override
        public NDArray loss(NDManager scope, List<String> inputs, List<String> targets, NDArray prompts,
                boolean training) {
            return delegate.loss(scope, inputs, targets, prompts, training);
        }

        @Override
        public float[][] score(NDManager scope, List<String> inputs, NDArray prompts, List<String> candidates) {
            return delegate.score(scope, inputs, prompts, candidates);
        }

        @Override
        public List<String> generate(NDManager scope, List<String> inputs, NDArray prompts, int maxNewTokens) {
            return delegate.generate(scope, inputs, prompts, maxNewTokens);
        }

        @Override
        public NDArray sampleTokenEmbeddings(NDManager scope, int count, long seed) {
            return delegate.sampleTokenEmbeddings(scope, count, seed);
        }

        @Override
        public NDArray sampleTokenEmbeddings(NDManager scope, int count, long seed,
                java.util.Collection<String> excludedWords) {
            return delegate.sampleTokenEmbeddings(scope, count, seed, excludedWords);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
