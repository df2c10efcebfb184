package dev.crosspt.train;

import java.util.Map;

/** Hears how a run is going: progress bars, logs, live plots. Every method has an empty default. */
public interface TrainingListener {

    /** Training starts (or resumes) at {@code startStep} of {@code totalSteps}. */
    default void onStart(int startStep, int totalSteps) {}

    /** One optimizer step finished with this training loss. */
    default void onStep(int step, double loss) {}

    /** A dev evaluation finished after {@code step} steps. */
    default void onEvaluation(int step, double devScore, Map<String, Double> perTask) {}

    /** A listener that does nothing. */
    static TrainingListener none() {
        return new TrainingListener() {};
    }
}
