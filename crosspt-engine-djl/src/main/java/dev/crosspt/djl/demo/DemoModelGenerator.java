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
import dev.crosspt.demo.DemoModel;
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
 * Generates the demo's frozen backbone: the small T5 of {@link DemoModel}, trained once in full on the synthetic
 * tasks <em>with</em> their names in the input ({@code animal the big cat ...}), then saved in the Hugging Face
 * layout. A randomly initialised T5 cannot be prompt-tuned (its outputs do not depend on the input in any way a
 * prompt can steer); this one knows the tasks when told which to do, as a pretrained T5 does, and prompt tuning
 * learns to tell it without the name.
 *
 * <p>The model is written to a temporary directory and moved into place when complete, with a
 * {@code crosspt-demo.json} that records how it was made.
 */
public final class DemoModelGenerator {

    /** Bumped whenever the recipe changes, so that an old cached model is not reused. */
    public static final int RECIPE = 3; // 2: dropout masks drawn in Java (DropoutNoise), so training draws other masks;
    // 3: the RMS norm takes its statistic from a vector norm, so training rounds differently
    /** The file that marks a complete model and records its recipe. */
    public static final String MARKER = "crosspt-demo.json";

    private static final int STEPS = 1000;
    private static final int BATCH = 32;
    private static final float LEARNING_RATE = 1e-3f;
    private static final long DATA_SEED = 4242;

    private DemoModelGenerator() {}

    /**
     * Returns {@code dir} holding the demo model, generating it first when it is missing or from another recipe.
     *
     * @param progress receives a line now and then while generating
     */
    public static Path ensure(Path dir, Consumer<String> progress) {
        if (isComplete(dir)) {
            return dir;
        }
        Path tmp = dir.resolveSibling(dir.getFileName() + ".partial");
        deleteTree(tmp);
        DemoModel.ensure(tmp, DemoModel.SEED);
        Map<String, Object> record = new LinkedHashMap<>();
        try (T5Backbone backbone = T5Backbone.load(tmp)) {
            record.putAll(train(backbone, progress));
            backbone.model().save(tmp);
        }
        record.put("recipe", RECIPE);
        record.put("seed", DemoModel.SEED);
        record.put("note", "small T5 trained in full on the synthetic suite with task names in the input; frozen afterwards");
        write(tmp.resolve(MARKER), new GsonBuilder().setPrettyPrinting().create().toJson(record));
        deleteTree(dir);
        try {
            Files.createDirectories(dir.getParent() == null ? Path.of(".") : dir.getParent());
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the demo model into " + dir, e);
        }
        return dir;
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
        Optimizer optimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build();
        List<Example> data = SyntheticSuite.instructed(STEPS * BATCH, DATA_SEED);
        Engine engine = Engine.getEngine(Devices.ENGINE);
        engine.setRandomSeed((int) DATA_SEED);
        double recentLoss = 0;
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
            if ((step + 1) % 200 == 0) {
                progress.accept("generating the demo model: step " + (step + 1) + "/" + STEPS
                        + ", loss " + String.format(Locale.ROOT, "%.3f", recentLoss / (1 - Math.pow(0.98, step + 1))));
            }
        }
        backbone.model().setTrainable(false);
        double accuracy = instructedAccuracy(backbone, SyntheticSuite.instructed(400, DATA_SEED + 1));
        progress.accept("demo model ready: accuracy " + String.format(Locale.ROOT, "%.3f", accuracy)
                + " on held-out instructed examples");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("steps", STEPS);
        record.put("batch", BATCH);
        record.put("learning_rate", LEARNING_RATE);
        record.put("instructed_accuracy", accuracy);
        return record;
    }

    /** Rank-classification accuracy over yes/no on instructed examples. */
    private static double instructedAccuracy(T5Backbone backbone, List<Example> examples) {
        int correct = 0;
        try (NDManager scope = backbone.newScope()) {
            TokenBatch labels = backbone.tokenizer().encodeLabels(SyntheticSuite.LABELS, 4);
            for (int start = 0; start < examples.size(); start += 100) {
                List<Example> chunk = examples.subList(start, Math.min(examples.size(), start + 100));
                TokenBatch in = backbone.tokenizer().encodeInputs(chunk.stream().map(Example::input).toList(), 64);
                float[][] scores = backbone.scoreCandidates(in.ids(scope), in.mask(scope), null, labels);
                for (int i = 0; i < chunk.size(); i++) {
                    String predicted = scores[i][0] >= scores[i][1] ? SyntheticSuite.LABELS.get(0) : SyntheticSuite.LABELS.get(1);
                    correct += predicted.equals(chunk.get(i).target()) ? 1 : 0;
                }
            }
        }
        return (double) correct / examples.size();
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
