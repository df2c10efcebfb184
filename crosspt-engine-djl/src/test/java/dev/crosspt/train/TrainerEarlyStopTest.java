package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
 * A listener that asks to stop ends training after that evaluation: no more steps, the result is the best
 * checkpoint's, and a run resumed from the checkpoint where it stopped does not train further.
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
    private static final class StopAt implements TrainingListener {
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
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, settings, null, listener)) {
            trainer.train();
        }
        assertEquals(40, listener.steps.size());
    }
}
