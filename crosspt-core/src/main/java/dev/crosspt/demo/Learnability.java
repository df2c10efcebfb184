package dev.crosspt.demo;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.data.TaskData;
import dev.crosspt.train.MultiTaskTrainer;
import dev.crosspt.train.TrainingListener;
import dev.crosspt.train.TrainingResult;
import dev.crosspt.train.TrainingSettings;
import dev.crosspt.train.Variant;
import java.util.List;
import java.util.Map;

/**
 * A demo suite's learnability check: vanilla prompt tuning (P) on each task's full training pool. Every task
 * should reach {@link #TARGET} test accuracy; if one does not, the few-shot comparison would say nothing.
 */
public final class Learnability {

    /** The test accuracy every task should reach. */
    public static final double TARGET = 0.8;

    private Learnability() {}

    /**
     * Trains P on the full training pool of every task of a suite and evaluates on test.
     *
     * @param relatedness for the clusters suite: 1, 0.5 or 0 (each setting has rules the others lack)
     * @param steps optimizer steps, of 16 examples each (the pool has {@link DemoRun#POOL} examples per task)
     * @param learningRate the prompt's learning rate
     */
    public static TrainingResult run(BackboneAdapter backbone, DemoSuite suite, double relatedness, int steps,
            double learningRate, long seed, TrainingListener listener) {
        List<TaskData> tasks = suite.generate(relatedness, DemoRun.POOL, DemoRun.DEV, DemoRun.TEST, 7);
        TrainingSettings settings = TrainingSettings.builder()
                .variant(Variant.P)
                .steps(steps)
                .evalEvery(Math.max(1, steps / 4))
                .batchSize(16)
                .promptLength(10)
                .sharedLearningRate(learningRate)
                .privateLearningRate(learningRate)
                .schedule("linear-warmup", Map.of())
                .seed(seed)
                .build();
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, null, listener)) {
            return trainer.train();
        }
    }
}
