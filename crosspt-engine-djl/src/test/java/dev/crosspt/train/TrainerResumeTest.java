package dev.crosspt.train;

import static dev.crosspt.train.TrainerTestSupport.points;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.data.TaskData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted after a checkpoint and resumed in a new trainer ends exactly as the uninterrupted run; resume
 * refuses checkpoints of other settings or tasks, and a directory without one.
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
}
