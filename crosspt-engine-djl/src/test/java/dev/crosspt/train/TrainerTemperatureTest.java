package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.data.TaskData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dev evaluation at step s scores the router at the temperature it was trained with at s: tau0 / M annealed,
 * M counting source prompts only, never the final temperature early.
 */
class TrainerTemperatureTest {

    private static final int SOURCES = 2;

    @AutoClose
    private final BackboneAdapter backbone = TrainerTestSupport.loadBackbone();

    @TempDir
    Path dir;

    @Test
    void evaluationAtAStepUsesThatStepsAnnealedPerSourceTemperature() {
        List<TaskData> tasks = TrainerTestSupport.tasks();
        TrainingSettings settings = TrainerTestSupport.settings().variant(Variant.SLP).sources(SOURCES)
                .selector("softmax", Map.of("temperature", 4, "final-temperature", 0.5, "anneal-fraction", 1.0,
                        "per-source", true))
                .sharedLearningRate(0.5).steps(10).evalEvery(5).build();
        Path run = dir.resolve("run");
        Path atStep5 = dir.resolve("step5.safetensors");
        TrainingListener copyStep5 = new TrainingListener() {
            @Override
            public void onEvaluation(int step, double devScore, Map<String, Double> perTask) {
                if (step == 10) {
                    // the last checkpoint is still step 5's: the step-10 one is written after this call
                    TrainerTestSupport.copy(run.resolve(MultiTaskTrainer.LAST_CHECKPOINT), atStep5);
                }
            }
        };
        TrainingResult result = TrainerTestSupport.train(backbone, tasks, settings, run, copyStep5);
        float[] router = TrainerTestSupport.tensor(atStep5, "param/router");
        int k = SOURCES + 1;
        // tau at step 5 of 10: the base halfway from 4 to 0.5, over M = 2 sources (not K = 3 columns)
        double tau = (4 + (0.5 - 4) * 0.5) / SOURCES;
        for (int t = 0; t < tasks.size(); t++) {
            double[] point = result.taskCurves().get(tasks.get(t).name()).get(1);
            assertEquals(5, point[0]);
            double expected = effective(router, t, k, tau);
            assertEquals(expected, point[3], 1e-4, "task " + t + ": effective candidates at step 5");
            assertNotEquals(expected, effective(router, t, k, 0.5 / SOURCES), 1e-3,
                    "the test tells step 5's temperature from the final one");
            assertNotEquals(expected, effective(router, t, k, tau * SOURCES / k), 1e-3,
                    "the test tells M from K");
        }
    }

    private static double effective(float[] router, int task, int k, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, router[task * k + c] / tau);
        }
        double[] w = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            w[c] = Math.exp(router[task * k + c] / tau - max);
            sum += w[c];
        }
        double h = 0;
        for (int c = 0; c < k; c++) {
            w[c] /= sum;
            h -= w[c] > 0 ? w[c] * Math.log(w[c]) : 0;
        }
        return Math.exp(h);
    }
}
