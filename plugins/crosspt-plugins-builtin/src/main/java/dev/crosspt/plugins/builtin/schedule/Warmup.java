package dev.crosspt.plugins.builtin.schedule;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;

/**
 * How long a schedule warms up: a fraction of the run's steps, or a fixed number of steps.
 *
 * @param fraction share of the total steps, in [0, 1); used when {@code steps} is negative
 * @param steps a fixed number of warm-up steps, or -1 to use {@code fraction}
 */
public record Warmup(double fraction, long steps) {

    /** The setting for a fraction of the run. */
    public static final String FRACTION_KEY = "warmup";

    /** The setting for a number of steps. */
    public static final String STEPS_KEY = "warmup-steps";

    /** Checks the values. */
    public Warmup {
        if (steps < 0 && !(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("warm-up fraction must be in [0, 1), got " + fraction);
        }
        if (steps < -1) {
            throw new IllegalArgumentException("warm-up steps must be non-negative, got " + steps);
        }
    }

    /** Warm up over this share of the run's steps, in [0, 1). */
    public static Warmup ofFraction(double fraction) {
        return new Warmup(fraction, -1);
    }

    /** Warm up over this many steps. */
    public static Warmup ofSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warm-up steps must be non-negative, got " + steps);
        }
        return new Warmup(0, steps);
    }

    /** The number of warm-up steps in a run of {@code totalSteps}: {@code ceil(fraction * total)} or the count. */
    public long stepsFor(long totalSteps) {
        return steps >= 0 ? steps : (long) Math.ceil(fraction * totalSteps);
    }

    /**
     * The multiplier during warm-up, {@code step / warmupSteps}, as Hugging Face computes it.
     *
     * @param step a step before the end of warm-up
     * @param warmupSteps {@link #stepsFor} of the run, at least 1
     */
    static double rise(long step, long warmupSteps) {
        return (double) step / Math.max(1, warmupSteps);
    }

    /**
     * Reads {@value #FRACTION_KEY} (a fraction in [0, 1)) or {@value #STEPS_KEY} (a whole number at least 0), not
     * both.
     *
     * @param defaultFraction the fraction when neither is given
     * @throws InvalidInputException for a bad value or both settings
     */
    static Warmup fromSettings(PluginSettings settings, double defaultFraction) {
        if (settings.has(FRACTION_KEY) && settings.has(STEPS_KEY)) {
            throw new InvalidInputException(settings.owner() + ": give '" + FRACTION_KEY + "' (a fraction of the run) or '"
                    + STEPS_KEY + "' (a number of steps), not both; got " + FRACTION_KEY + "="
                    + settings.values().get(FRACTION_KEY) + " and " + STEPS_KEY + "=" + settings.values().get(STEPS_KEY));
        }
        if (settings.has(STEPS_KEY)) {
            int steps = settings.getInt(STEPS_KEY, 0);
            if (steps < 0) {
                throw settings.wrong(STEPS_KEY, "a whole number >= 0", settings.values().get(STEPS_KEY));
            }
            return ofSteps(steps);
        }
        double fraction = settings.getDouble(FRACTION_KEY, defaultFraction);
        if (!(fraction >= 0 && fraction < 1)) {
            throw settings.wrong(FRACTION_KEY, "a fraction in [0, 1)", settings.values().get(FRACTION_KEY));
        }
        return ofFraction(fraction);
    }
}
