package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import dev.crosspt.djl.TestFixtures;
import dev.crosspt.djl.adapter.T5BackboneAdapterProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Shared pieces of the trainer tests: the tiny relu fixture as a backbone, three small yes/no tasks the fixture's
 * tokenizer encodes, and small settings that train in well under a second per ten steps.
 */
final class TrainerTestSupport {

    /** Words the fixture tokenizer knows as whole pieces (it was trained on license texts). */
    private static final List<String> FILLER = List.of("the", "of", "and", "to", "in", "is", "this", "that", "for",
            "any", "may", "with", "under", "without", "name", "work", "code", "file", "person", "terms");

    /** One task per key word: does the sentence mention it? */
    static final List<String> KEYS = List.of("software", "copy", "free");

    static final int TRAIN = 16;
    static final int DEV = 8;
    static final int TEST = 8;

    private TrainerTestSupport() {}

    /** The relu fixture (d_model 64) behind the trainer's backbone contract. */
    static BackboneAdapter loadBackbone() {
        return new T5BackboneAdapterProvider().load(
                new BackboneOptions(TestFixtures.fixture(TestFixtures.RELU).toString(), "cpu", 0, 64, 8));
    }

    /** Three balanced yes/no tasks: {@value #TRAIN} train, {@value #DEV} dev, {@value #TEST} test examples each. */
    static List<TaskData> tasks() {
        List<TaskData> tasks = new ArrayList<>();
        for (int t = 0; t < KEYS.size(); t++) {
            SplittableRandom random = new SplittableRandom(1000 + t);
            tasks.add(new TaskData("has-" + KEYS.get(t), List.of("yes", "no"), split(t, TRAIN, random),
                    split(t, DEV, random), split(t, TEST, random)));
        }
        return tasks;
    }

    private static List<Example> split(int task, int size, SplittableRandom random) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean positive = i % 2 == 0;
            List<String> words = new ArrayList<>();
            int length = 4 + random.nextInt(3);
            for (int w = 0; w < length; w++) {
                words.add(FILLER.get(random.nextInt(FILLER.size())));
            }
            if (random.nextBoolean()) {
                // another task's key word, so that the key words alone do not give the answer away
                words.set(random.nextInt(length), KEYS.get((task + 1 + random.nextInt(KEYS.size() - 1)) % KEYS.size()));
            }
            if (positive) {
                words.set(random.nextInt(length), KEYS.get(task));
            }
            out.add(new Example(String.join(" ", words), positive ? "yes" : "no"));
        }
        return out;
    }

    /** Small SLP settings: 2 sources of length 4, linear encoder, constant rates, 20 steps, evaluation every 10. */
    static TrainingSettings.Builder settings() {
        return TrainingSettings.builder()
                .variant(Variant.SLP)
                .sources(2)
                .promptLength(4)
                .encoder(PromptEncoderKind.LINEAR)
                .selector("softmax", Map.of())
                .composer("weighted-sum", Map.of())
                .schedule("constant", Map.of())
                .sharedLearningRate(0.1)
                .privateLearningRate(0.05)
                .batchSize(8)
                .steps(20)
                .evalEvery(10)
                .seed(17);
    }

    /** Trains one run to its end. */
    static TrainingResult train(BackboneAdapter backbone, List<TaskData> tasks, TrainingSettings settings, Path runDir,
            TrainingListener listener) {
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, runDir, listener)) {
            return trainer.train();
        }
    }

    /** Trains one run to its end without a run directory or a listener. */
    static TrainingResult train(BackboneAdapter backbone, List<TaskData> tasks, TrainingSettings settings) {
        return train(backbone, tasks, settings, null, TrainingListener.none());
    }

    /** The loss curve as comparable lists of (step, loss). */
    static List<List<Double>> points(List<double[]> curve) {
        return curve.stream().map(p -> Arrays.stream(p).boxed().toList()).toList();
    }

    /** One float tensor of a safetensors file. */
    static float[] tensor(Path file, String name) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            if (!st.has(name)) {
                fail(file + " has no tensor '" + name + "'; it has " + st.tensors().keySet());
            }
            return st.readFloats(name);
        }
    }

    /** Largest absolute element-wise difference. */
    static double maxAbsDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length, "tensor sizes differ");
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    /** Copies a file (a checkpoint as it stands at some step). */
    static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
