package dev.crosspt.train;

import dev.crosspt.api.InvalidInputException;
import java.util.Locale;

/** How a multi-task batch picks the task of each example. */
public enum TaskSampling {
    /** In proportion to each task's training-set size. */
    PROPORTIONAL,
    /** Every task equally often. */
    UNIFORM,
    /** In proportion to size^(1/T): between proportional (T = 1) and uniform (T large). */
    TEMPERATURE;

    /**
     * Parses {@code proportional}, {@code uniform} or {@code temperature}.
     *
     * @throws InvalidInputException for anything else
     */
    public static TaskSampling parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("unknown task sampling '" + text + "'; known: proportional, uniform, temperature");
        }
    }
}
