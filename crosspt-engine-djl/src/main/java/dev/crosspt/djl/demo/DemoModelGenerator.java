package dev.crosspt.djl.demo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import dev.crosspt.demo.ClusterSuite;
import dev.crosspt.demo.DemoModel;
import dev.crosspt.demo.DemoVocabulary;
import dev.crosspt.demo.SyntheticSuite;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.djl.t5.T5Backbone;
import dev.crosspt.io.Directories;
import dev.crosspt.t5.TokenBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Generates the demo's frozen backbone: the small T5 of {@link DemoModel}, trained once in full on instructed
 * inputs ({@code colour animal true false two cat one box}, see {@link DemoVocabulary#instructed}), then saved in
 * the Hugging Face layout. A randomly initialised T5 cannot be prompt-tuned (its outputs do not depend on the
 * input in any way a prompt can steer); this one follows instructions, as a pretrained T5 does, and prompt tuning
 * learns to give it the instruction without words.
 *
 * <p>The model is written to a temporary directory and moved into place when complete, with a
 * {@code crosspt-demo.json} that records how it was made.
 */
public final class DemoModelGenerator {

    /** Bumped whenever the recipe changes, so that an old cached model is not reused. */
    public static final int RECIPE = 3; // 3: instructions teach the rules, no dropout; 2 drew dropout masks in Java.
    // The shipped model was trained before the RMS norm took its statistic from a vector norm: a regenerated one
    // rounds differently, as one trained on another CPU does (the shipped one is pinned by its SHA256SUMS).
    /** The file that marks a complete model and records its recipe. */
    public static final String MARKER = "crosspt-demo.json";
    /** The files of a demo model, the marker last. */
    static final List<String> FILES = List.of("config.json", "tokenizer.json", "model.safetensors", MARKER);

    private static final int STEPS = 4000;
    private static final int BATCH = 32;
    private static final float LEARNING_RATE = 1e-3f;
    /** Steps between checks of the accuracy with instructions; training stops at the first good enough. */
    private static final int CHECK_EVERY = 100;
    private static final double GOOD_ENOUGH = 0.95;
    private static final long DATA_SEED = 4242;

    private DemoModelGenerator() {}

    /**
     * Returns {@code dir} holding the demo model: when it is missing or from another recipe, the copy shipped in
     * this jar ({@link PinnedDemoModel}) is put there, or, in a build that ships none, one is generated.
     *
     * @param progress receives a line now and then while generating
     */
    public static Path ensure(Path dir, Consumer<String> progress) {
        if (isComplete(dir)) {
            return dir;
        }
        if (PinnedDemoModel.sums().isEmpty()) {
            return generate(dir, progress);
        }
        Path tmp = partial(dir);
        PinnedDemoModel.copyTo(tmp);
        moveIntoPlace(tmp, dir);
        return dir;
    }

    /**
     * Generates the demo model into {@code dir} from its recipe, replacing what is there, with a {@value
     * PinnedDemoModel#SUMS} beside it: training stops at the first check where the accuracy with instructions is
     * good enough, or after the most steps. The same machine and thread count give the same bytes; another CPU
     * gives other weights.
     *
     * @param progress receives a line now and then
     */
    public static Path generate(Path dir, Consumer<String> progress) {
        Path tmp = partial(dir);
        DemoModel.ensure(tmp, DemoModel.SEED);
        Map<String, Object> record = new LinkedHashMap<>();
        try (T5Backbone backbone = T5Backbone.load(tmp)) {
            record.putAll(train(backbone, progress));
            backbone.model().save(tmp);
        }
        record.put("recipe", RECIPE);
        record.put("seed", DemoModel.SEED);
        record.put("note", "small T5 trained in full on instructed inputs of both demo suites; frozen afterwards");
        write(tmp.resolve(MARKER), new GsonBuilder().setPrettyPrinting().create().toJson(record) + "\n");
        PinnedDemoModel.writeSums(tmp, FILES);
        moveIntoPlace(tmp, dir);
        return dir;
    }

    private static Path partial(Path dir) {
        Path tmp = dir.toAbsolutePath().resolveSibling(dir.getFileName() + ".partial");
        deleteTree(tmp);
        return tmp;
    }

    private static void moveIntoPlace(Path tmp, Path dir) {
        deleteTree(dir);
        try {
            Files.createDirectories(dir.getParent() == null ? Path.of(".") : dir.getParent());
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the demo model into " + dir, e);
        }
    }

    /** True when {@code dir} holds a model made by the current recipe. */
    public static boolean isComplete(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        try {
            JsonElement recipe = JsonParser.parseString(Files.readString(marker)).getAsJsonObject().get("recipe");
            return recipe != null && recipe.getAsInt() == RECIPE;
        } catch (IOException | RuntimeException e) {
            // unreadable or foreign: regenerate
            return false;
        }
    }

    private static Map<String, Object> train(T5Backbone backbone, Consumer<String> progress) {
        backbone.model().setTrainable(true);
        List<NDArray> weights = backbone.model().weightArrays();
        Optimizer optimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(LEARNING_RATE))
                .optWeightDecays(0f).build();
        List<Example> data = DemoVocabulary.instructed(STEPS * BATCH, DATA_SEED);
        Engine engine = Engine.getEngine(Devices.ENGINE);
        engine.setRandomSeed((int) DATA_SEED);
        double recentLoss = 0;
        // its own draw of the clusters' hardest setting (six rules) and of the negative control, apart from the
        // data and the final check; training stops once both are good enough
        List<TaskData> check = ClusterSuite.generate(0, 2, 2, 40, DATA_SEED + 2);
        List<String> checkInstructions = ClusterSuite.rules(0).stream().map(ClusterSuite.TaskRule::instruction).toList();
        List<TaskData> controlCheck = SyntheticSuite.generate(2, 2, 40, DATA_SEED + 2);
        int trained = STEPS;
        for (int step = 0; step < STEPS; step++) {
            List<Example> batch = data.subList(step * BATCH, (step + 1) * BATCH);
            try (NDManager scope = backbone.newScope()) {
                TokenBatch in = backbone.tokenizer().encodeInputs(batch.stream().map(Example::input).toList(), 64);
                TokenBatch labels = backbone.tokenizer().encodeLabels(batch.stream().map(Example::target).toList(), 4);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray loss = backbone.loss(in.ids(scope), in.mask(scope), null, labels.ids(scope), true);
                    recentLoss = 0.98 * recentLoss + 0.02 * loss.getFloat();
                    collector.backward(loss);
                }
                for (int i = 0; i < weights.size(); i++) {
                    try (NDArray gradient = weights.get(i).getGradient()) {
                        optimizer.update("w" + i, weights.get(i), gradient);
                        gradient.subi(gradient);
                    }
                }
            }
            if ((step + 1) % CHECK_EVERY == 0) {
                double accuracy = Math.min(instructedAccuracy(backbone, check, checkInstructions),
                        instructedAccuracy(backbone, controlCheck, disjointInstructions()));
                progress.accept("generating the demo model: step " + (step + 1) + "/" + STEPS
                        + ", loss " + String.format(Locale.ROOT, "%.3f", recentLoss / (1 - Math.pow(0.98, step + 1)))
                        + ", accuracy with instructions (lower of clusters-0 and disjoint) " + accuracy);
                if (accuracy >= GOOD_ENOUGH) {
                    trained = step + 1;
                    break;
                }
            }
        }
        backbone.model().setTrainable(false);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("steps", trained);
        record.put("max_steps", STEPS);
        record.put("stop_at_check_accuracy", GOOD_ENOUGH);
        record.put("batch", BATCH);
        record.put("learning_rate", LEARNING_RATE);
        record.put("weight_decay", 0);
        Map<String, Double> accuracy = new LinkedHashMap<>();
        accuracy.put("disjoint", instructedAccuracy(backbone, SyntheticSuite.generate(8, 8, 200, DATA_SEED + 1),
                disjointInstructions()));
        for (double relatedness : ClusterSuite.RELATEDNESS) {
            accuracy.put("clusters-" + relatedness, instructedAccuracy(backbone,
                    ClusterSuite.generate(relatedness, 8, 8, 200, DATA_SEED + 1),
                    ClusterSuite.rules(relatedness).stream().map(ClusterSuite.TaskRule::instruction).toList()));
        }
        progress.accept("demo model ready: accuracy with instructions " + accuracy);
        record.put("instructed_test_accuracy", accuracy);
        return record;
    }

    /** The negative control's instructions: its task names, which are category names, and its answer words. */
    private static List<String> disjointInstructions() {
        return SyntheticSuite.TASKS.stream().map(t -> t + " " + String.join(" ", SyntheticSuite.LABELS)).toList();
    }

    /** Rank-classification accuracy on the tasks' test examples with each task's instruction in front. */
    private static double instructedAccuracy(T5Backbone backbone, List<TaskData> tasks, List<String> instructions) {
        int correct = 0;
        int total = 0;
        try (NDManager scope = backbone.newScope()) {
            for (int t = 0; t < tasks.size(); t++) {
                TaskData task = tasks.get(t);
                TokenBatch labels = backbone.tokenizer().encodeLabels(task.labels(), 4);
                String instruction = instructions.get(t);
                List<String> inputs = task.test().stream().map(e -> instruction + " " + e.input()).toList();
                TokenBatch in = backbone.tokenizer().encodeInputs(inputs, 64);
                float[][] scores = backbone.scoreCandidates(in.ids(scope), in.mask(scope), null, labels);
                for (int i = 0; i < inputs.size(); i++) {
                    int best = scores[i][0] >= scores[i][1] ? 0 : 1;
                    correct += task.labels().get(best).equals(task.test().get(i).target()) ? 1 : 0;
                    total++;
                }
            }
        }
        return Math.round(1000.0 * correct / total) / 1000.0;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void deleteTree(Path root) {
        try {
            Directories.deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
