package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.data.TaskData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener that asks to stop, or the settings' {@link EarlyStopping}, ends training after that evaluation: no
 * more steps, the result is the best checkpoint's and says where and why training ended, and a resumed run stops
 * where an uninterrupted one would.
 */
class TrainerEarlyStopTest {

    @AutoClose
    private static BackboneAdapter backbone;

    private static List<TaskData> tasks;
    private static TrainingSettings settings;

    @BeforeAll
    static void load() {
        backbone = TrainerTestSupport.loadBackbone();
        tasks = TrainerTestSupport.tasks();
        settings = TrainerTestSupport.settings().steps(40).evalEvery(10).build();
    }

    /** Stops once the curve reaches {@code step}, counting the steps it sees. */
    private static class StopAt implements TrainingListener {
        final int step;
        final List<Integer> steps = new ArrayList<>();

        StopAt(int step) {
            this.step = step;
        }

        @Override
        public void onStep(int s, double loss) {
            steps.add(s);
        }

        @Override
        public boolean stopAfter(List<double[]> devCurve) {
            return devCurve.get(devCurve.size() - 1)[0] >= step;
        }
    }

    @Test
    void stopsAfterTheEvaluationWhereTheListenerSaysSo(@TempDir Path dir) {
        StopAt listener = new StopAt(20);
        TrainingResult result;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, dir, listener)) {
            result = trainer.train();
        }
        assertEquals(20, listener.steps.size(), "steps trained");
        assertEquals(List.of(0.0, 10.0, 20.0), result.devCurve().stream().map(p -> p[0]).toList());
        assertNull(result.stopReason(), "stopping early on request is not a failure");
        assertEquals(20, result.lastStep());
        assertEquals(TrainingResult.Ending.LISTENER, result.endedBy());

        // resumed from the checkpoint where it stopped: nothing more to train, the same result
        StopAt resumedListener = new StopAt(20);
        TrainingResult resumed;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, dir, resumedListener)) {
            resumed = trainer.resume();
        }
        assertEquals(List.of(), resumedListener.steps);
        assertArrayEquals(result.testScores().stream().mapToDouble(Double::doubleValue).toArray(),
                resumed.testScores().stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void aListenerThatNeverStopsTrainsEveryStep() {
        StopAt listener = new StopAt(Integer.MAX_VALUE);
        TrainingResult result;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, null, listener)) {
            result = trainer.train();
        }
        assertEquals(40, listener.steps.size());
        assertEquals(40, result.lastStep());
        assertEquals(TrainingResult.Ending.STEPS, result.endedBy());
    }

    /** Fails the run once it reaches {@code step}, after the checkpoint before it: an interrupted run. */
    private static final class FailAt extends StopAt {
        FailAt(int step) {
            super(Integer.MAX_VALUE);
            failAt = step;
        }

        private final int failAt;

        @Override
        public void onStep(int s, double loss) {
            if (s == failAt) {
                throw new IllegalStateException("interrupted at step " + s);
            }
        }
    }

    @Test
    void theSettingsEarlyStoppingEndsAFlatRunAndAResumedRunEndsAtTheSameStep(@TempDir Path dir) {
        // min_delta 1: no rise of an accuracy counts, so every curve is flat; the rule may stop from step 20 on
        TrainingSettings stopping = settings.toBuilder().earlyStopping(new EarlyStopping(20, 2, 1.0, 1)).build();
        StopAt counting = new StopAt(Integer.MAX_VALUE);
        TrainingResult uninterrupted;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, stopping, null, counting)) {
            uninterrupted = trainer.train();
        }
        assertEquals(20, counting.steps.size(), "steps trained of " + stopping.steps());
        assertEquals(20, uninterrupted.lastStep());
        assertEquals(TrainingResult.Ending.EARLY_STOPPING, uninterrupted.endedBy());
        assertNull(uninterrupted.stopReason(), "early stopping is not a failure");

        // interrupted at step 15, after the checkpoint at step 10
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, stopping, dir, new FailAt(15))) {
            assertThrows(IllegalStateException.class, trainer::train);
        }
        StopAt resumedCounting = new StopAt(Integer.MAX_VALUE);
        TrainingResult resumed;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, stopping, dir, resumedCounting)) {
            resumed = trainer.resume();
        }
        assertEquals(10, resumedCounting.steps.size(), "steps trained after the resume");
        assertEquals(20, resumed.lastStep());
        assertEquals(TrainingResult.Ending.EARLY_STOPPING, resumed.endedBy());
        assertEquals(uninterrupted.devCurve().stream().map(p -> p[0]).toList(),
                resumed.devCurve().stream().map(p -> p[0]).toList());
        assertArrayEquals(uninterrupted.testScores().stream().mapToDouble(Double::doubleValue).toArray(),
                resumed.testScores().stream().mapToDouble(Double::doubleValue).toArray());

        // resumed once more from where early stopping ended it: it stays stopped
        StopAt again = new StopAt(Integer.MAX_VALUE);
        TrainingResult stillStopped;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, stopping, dir, again)) {
            stillStopped = trainer.resume();
        }
        assertEquals(List.of(), again.steps);
        assertEquals(20, stillStopped.lastStep());
        assertEquals(TrainingResult.Ending.EARLY_STOPPING, stillStopped.endedBy());
    }
}
