package dev.crosspt.train;

import java.util.List;
import java.util.Map;

/** Hears how a run is going: progress bars, logs, live plots. Every method has an empty default. */
public interface TrainingListener {

    /** Training starts (or resumes) at {@code startStep} of {@code totalSteps}. */
    default void onStart(int startStep, int totalSteps) {}

    /** One optimizer step finished with this training loss. */
    default void onStep(int step, double loss) {}

    /** A dev evaluation finished after {@code step} steps. */
    default void onEvaluation(int step, double devScore, Map<String, Double> perTask) {}

    /**
     * Asked after every dev evaluation before the last step, unless the settings' {@link EarlyStopping} has
     * already ended training there: true ends training there too, and the run finishes as usual on its best
     * checkpoint. For a caller's own rule; the plateau rule belongs in {@link TrainingSettings#earlyStopping()}.
     * Decide from the curve alone, so that a resumed run stops where an uninterrupted one would.
     *
     * @param devCurve every {@code [step, dev score]} so far, from step 0, the part before a resume included
     */
    default boolean stopAfter(List<double[]> devCurve) {
        return false;
    }

    /** A listener that does nothing. */
    static TrainingListener none() {
        return new TrainingListener() {};
    }
}
