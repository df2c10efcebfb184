package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.data.TaskData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loss that turns non-finite stops the run with a reason; the results come from the best checkpoint before it. */
class TrainerNonFiniteLossTest {

    @AutoClose
    private static BackboneAdapter backbone;

    private static List<TaskData> tasks;

    @BeforeAll
    static void load() {
        backbone = TrainerTestSupport.loadBackbone();
        tasks = TrainerTestSupport.tasks();
    }

    @Test
    void absurdLearningRatesStopTheRunWithFiniteResultsFromTheBestCheckpoint(@TempDir Path dir) {
        // Adam moves every prompt value by about the rate: 1e30 overflows the RMS norms within a few steps
        TrainingSettings settings = TrainerTestSupport.settings()
                .sharedLearningRate(1e30)
                .privateLearningRate(1e30)
                .steps(20)
                .evalEvery(10)
                .build();
        TrainingResult result = TrainerTestSupport.train(backbone, tasks, settings, dir, TrainingListener.none());

        assertTrue(result.stoppedEarly(), "the run did not stop; losses " + TrainerTestSupport.points(result.lossCurve()));
        int stoppedAt = result.lossCurve().size();
        assertTrue(stoppedAt < 10, "stopped only after " + stoppedAt + " steps");
        String reason = result.stopReason();
        // the failing step counted from 0 (as the trainer's loop does) or from 1 (as the loss curve does)
        assertTrue(Pattern.compile("\\bstep (" + stoppedAt + "|" + (stoppedAt + 1) + ")\\b").matcher(reason).find(),
                "names the failing step: " + reason);
        assertTrue(reason.contains("NaN") || reason.contains("Infinity"), reason);
        assertTrue(reason.contains(MultiTaskTrainer.BEST_CHECKPOINT), "names the kept checkpoint: " + reason);
        for (double[] point : result.lossCurve()) {
            assertTrue(Double.isFinite(point[1]), "a non-finite loss was recorded at step " + point[0]);
        }

        assertEquals(0, result.bestStep(), "the untrained prompts are the only checkpoint before the failure");
        assertEquals(tasks.size(), result.testScores().size());
        for (double score : result.testScores()) {
            assertTrue(Double.isFinite(score) && score >= 0 && score <= 1, "test score " + score);
        }
        for (double score : result.devScores()) {
            assertTrue(Double.isFinite(score) && score >= 0 && score <= 1, "dev score " + score);
        }
        for (double[] row : result.routerWeights()) {
            for (double w : row) {
                assertTrue(Double.isFinite(w), "router weight " + w);
            }
        }

        Path best = dir.resolve(MultiTaskTrainer.BEST_CHECKPOINT);
        assertTrue(Files.isRegularFile(best), "no " + best);
        for (String name : List.of("param/sources", "param/privates", "param/router")) {
            for (float v : TrainerTestSupport.tensor(best, name)) {
                assertTrue(Float.isFinite(v), name + " in the best checkpoint holds " + v);
            }
        }
        // the source bank written at the end comes from the restored (best) prompts, not the diverged ones
        float[] bank = TrainerTestSupport.tensor(dir.resolve(MultiTaskTrainer.SOURCE_BANK), SourceBank.TENSOR);
        assertArrayEquals(TrainerTestSupport.tensor(best, "param/sources"), bank, 1e-6f,
                "the linear encoder starts as the identity, so the bank equals the step-0 sources");
    }
}
