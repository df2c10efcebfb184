package dev.crosspt.train;

import static dev.crosspt.train.TrainerTestSupport.points;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.data.TaskData;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Everything random derives from the settings' seed: the same seed gives the same run, another seed another. */
class TrainerDeterminismTest {

    @AutoClose
    private static BackboneAdapter backbone;

    private static List<TaskData> tasks;

    @BeforeAll
    static void load() {
        backbone = TrainerTestSupport.loadBackbone();
        tasks = TrainerTestSupport.tasks();
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherLossCurve() {
        TrainingSettings settings = TrainerTestSupport.settings().build();
        TrainingResult first = TrainerTestSupport.train(backbone, tasks, settings);
        TrainingResult second = TrainerTestSupport.train(backbone, tasks, settings);
        TrainingResult otherSeed = TrainerTestSupport.train(backbone, tasks, settings.withSeed(settings.seed() + 1));

        assertNull(first.stopReason(), first::stopReason);
        assertEquals(settings.steps(), first.lossCurve().size(), "one loss point per step");
        for (int i = 0; i < first.lossCurve().size(); i++) {
            double[] point = first.lossCurve().get(i);
            assertEquals(i + 1, point[0], "step of loss point " + i);
            assertTrue(Double.isFinite(point[1]) && point[1] > 0, "loss at step " + (i + 1) + ": " + point[1]);
        }
        assertEquals(points(first.lossCurve()), points(second.lossCurve()), "same seed, different loss curve");
        assertEquals(first.testScores(), second.testScores(), "same seed, different test scores");
        assertEquals(first.devScores(), second.devScores(), "same seed, different dev scores");
        assertEquals(points(first.devCurve()), points(second.devCurve()), "same seed, different dev curve");
        assertEquals(first.bestStep(), second.bestStep());
        for (int t = 0; t < tasks.size(); t++) {
            assertArrayEquals(first.routerWeights()[t], second.routerWeights()[t], "router weights of task " + t);
        }

        assertEquals(settings.steps(), otherSeed.lossCurve().size());
        assertNotEquals(points(first.lossCurve()), points(otherSeed.lossCurve()),
                "seeds " + settings.seed() + " and " + (settings.seed() + 1) + " gave the same loss curve");
    }
}
