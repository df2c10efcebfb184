package dev.crosspt.plugins.builtin.select;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SelectionContext;
import java.util.Locale;

/**
 * The temperature a selector divides its logits by, as the paper defines it: a base value, optionally divided by
 * the number of <em>source</em> prompts M ({@code tau = tau0 / M}, so that the weights do not flatten as sources
 * are added; the private column does not count), optionally annealed linearly to a final base value over a share
 * of training. The relaxed-Bernoulli selector may also use the authors' schedule ({@code anneal}).
 *
 * <p>The temperature at step {@code s} is the same for training and evaluation: a dev evaluation at step
 * {@code s} scores the model with the weights it was being trained with at {@code s}.
 */
public sealed interface Temperature permits Temperature.Fixed, Temperature.Annealed, Temperature.Authors {

    /** The setting that holds the (starting) temperature. */
    String KEY = "temperature";

    /** The setting that divides the temperature by the number of source prompts M. */
    String PER_SOURCE_KEY = "per-source";

    /** The setting that holds the final annealed temperature (before the division by M). */
    String FINAL_KEY = "final-temperature";

    /** The setting that holds the fraction of training over which the temperature anneals. */
    String FRACTION_KEY = "anneal-fraction";

    /** Every setting a temperature reads, for {@link PluginSettings#requireOnly}. */
    String[] KEYS = {KEY, PER_SOURCE_KEY, FINAL_KEY, FRACTION_KEY};

    /**
     * Below this, a softmax is an argmax in all but name: a softmax-family selector refuses to anneal that far,
     * so a hard selector is always asked for by name ({@code topk} with {@code k: 1}).
     */
    double SOFT_FLOOR = 0.01;

    /** The temperature at the context's step (training or evaluation alike). */
    double at(SelectionContext context);

    /** What the temperature is, for summaries; {@code lastUsed} is the value of the latest step, or NaN. */
    String describe(double lastUsed);

    /**
     * A fixed temperature, {@code value} or {@code value / M}.
     *
     * @param value positive and finite
     * @param perSource whether it is divided by the number of source prompts M
     */
    record Fixed(double value, boolean perSource) implements Temperature {

        /** Checks the value. */
        public Fixed {
            requirePositive("temperature", value);
        }

        /** A fixed temperature not divided by M. */
        public Fixed(double value) {
            this(value, false);
        }

        @Override
        public double at(SelectionContext context) {
            return value / divisor(perSource, context);
        }

        @Override
        public String describe(double lastUsed) {
            return perSource ? format(value) + "/M" + latest(lastUsed) : format(value);
        }
    }

    /**
     * A base temperature annealed linearly from {@code start} to {@code end} over the first {@code fraction} of
     * training, then constant; divided by M when {@code perSource}.
     *
     * @param start the base at step 0, positive
     * @param end the base from {@code fraction} of training on, positive
     * @param fraction the share of training spent annealing, in (0, 1]
     * @param perSource whether both are divided by the number of source prompts M
     */
    record Annealed(double start, double end, double fraction, boolean perSource) implements Temperature {

        /** Checks the values. */
        public Annealed {
            requirePositive("temperature", start);
            requirePositive("final temperature", end);
            requireFraction(fraction);
        }

        @Override
        public double at(SelectionContext context) {
            return linear(start, end, fraction, context.progress()) / divisor(perSource, context);
        }

        @Override
        public String describe(double lastUsed) {
            String m = perSource ? "/M" : "";
            return "anneal " + format(start) + m + " to " + format(end) + m + " over " + format(fraction * 100)
                    + "% of training" + latest(lastUsed);
        }
    }

    /**
     * The authors' schedule for relaxed-Bernoulli gates: the temperature starts at 5, 3 or 1 (fewer than 10, fewer
     * than 20, or more training examples per task) and falls linearly to {@code end} over the first
     * {@code fraction} of training.
     *
     * @param end positive and finite (the authors use 0.001)
     * @param fraction the share of training spent annealing, in (0, 1] (the authors use 0.6)
     */
    record Authors(double end, double fraction) implements Temperature {

        /** Checks the values. */
        public Authors {
            requirePositive("final temperature", end);
            requireFraction(fraction);
        }

        /** The starting temperature for this many training examples per task: 5 below 10, 3 below 20, else 1. */
        public static double start(int samplesPerTask) {
            return samplesPerTask < 10 ? 5.0 : samplesPerTask < 20 ? 3.0 : 1.0;
        }

        @Override
        public double at(SelectionContext context) {
            return linear(start(context.samplesPerTask()), end, fraction, context.progress());
        }

        @Override
        public String describe(double lastUsed) {
            return "anneal to " + format(end) + " over " + format(fraction * 100) + "% of training" + latest(lastUsed);
        }
    }

    /** Which selectors a temperature is for: what each may do differs. */
    enum Family {
        /** softmax, topk, learned-pruning: soft weights that must stay soft. */
        SOFTMAX,
        /** relaxed-bernoulli: a training-time sample, where the authors anneal. */
        RELAXED
    }

    /**
     * Reads {@value #KEY} (a positive number; {@code "1/M"} for {@code 1} with {@value #PER_SOURCE_KEY};
     * {@code "anneal"} for the authors' schedule, relaxed-Bernoulli only), {@value #PER_SOURCE_KEY} (default
     * false), {@value #FINAL_KEY} (anneals when given; default 0.001 for {@code "anneal"}) and
     * {@value #FRACTION_KEY} (default 0.6).
     *
     * @param fallback the temperature when {@value #KEY} is absent
     * @param family what the selector may do: a softmax-family selector never anneals below {@value #SOFT_FLOOR}
     * @throws InvalidInputException for a bad value or a combination that makes no sense, saying what to use
     */
    static Temperature fromSettings(PluginSettings settings, double fallback, Family family) {
        Object raw = settings.values().get(KEY);
        String text = raw == null ? null : raw.toString().trim();
        boolean perSource = settings.getBoolean(PER_SOURCE_KEY, false);
        double fraction = settings.getDouble(FRACTION_KEY, 0.6);
        if (!(fraction > 0 && fraction <= 1)) {
            throw settings.wrong(FRACTION_KEY, "a number in (0, 1]", settings.values().get(FRACTION_KEY));
        }
        if ("anneal".equalsIgnoreCase(text)) {
            if (family == Family.SOFTMAX) {
                throw new InvalidInputException(settings.owner() + ": " + KEY + " 'anneal' is the authors' schedule"
                        + " for relaxed-bernoulli gates; annealing a softmax to 0.001 makes it an argmax for the last"
                        + " 40% of training. Use a fixed temperature (" + KEY + ": 1), the paper's tau0/M (" + KEY
                        + ": 1, " + PER_SOURCE_KEY + ": true), an explicit schedule (" + FINAL_KEY + ": 0.1), or, for"
                        + " a hard selector, 'topk' with k: 1");
            }
            if (perSource) {
                throw new InvalidInputException(settings.owner() + ": " + PER_SOURCE_KEY + " does not apply to the"
                        + " authors' schedule '" + KEY + ": anneal'; give a number as " + KEY + " instead");
            }
            return new Authors(finalTemperature(settings, 0.001, family), fraction);
        }
        double base;
        if (raw == null) {
            base = fallback;
        } else if ("1/M".equalsIgnoreCase(text)) {
            if (settings.has(PER_SOURCE_KEY) && !perSource) {
                throw new InvalidInputException(settings.owner() + ": " + KEY + " '1/M' divides by M, but "
                        + PER_SOURCE_KEY + " is false");
            }
            base = 1.0;
            perSource = true;
        } else {
            try {
                base = raw instanceof Number ? ((Number) raw).doubleValue() : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw settings.wrong(KEY, "a positive number, '1/M' or 'anneal'", raw);
            }
            if (!(base > 0) || !Double.isFinite(base)) {
                throw settings.wrong(KEY, "a positive number, '1/M' or 'anneal'", raw);
            }
        }
        if (settings.has(FINAL_KEY)) {
            return new Annealed(base, finalTemperature(settings, Double.NaN, family), fraction, perSource);
        }
        if (settings.has(FRACTION_KEY)) {
            throw new InvalidInputException(settings.owner() + ": setting '" + FRACTION_KEY + "' applies only when the"
                    + " temperature anneals (" + FINAL_KEY + " given, or " + KEY + " 'anneal')");
        }
        return new Fixed(base, perSource);
    }

    private static double finalTemperature(PluginSettings settings, double fallback, Family family) {
        double value = settings.getDouble(FINAL_KEY, fallback);
        if (!(value > 0) || !Double.isFinite(value)) {
            throw settings.wrong(FINAL_KEY, "a positive number", settings.values().get(FINAL_KEY));
        }
        if (family == Family.SOFTMAX && value < SOFT_FLOOR) {
            throw new InvalidInputException(settings.owner() + ": " + FINAL_KEY + " " + value + " is below "
                    + SOFT_FLOOR + ", where a softmax is an argmax: for a hard selector use 'topk' with k: 1");
        }
        return value;
    }

    private static double divisor(boolean perSource, SelectionContext context) {
        return perSource ? Math.max(1, context.sources()) : 1.0;
    }

    private static double linear(double start, double end, double fraction, double progress) {
        return progress >= fraction ? end : start + (end - start) * progress / fraction;
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
    }

    private static void requireFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("anneal fraction must be in (0, 1], got " + fraction);
        }
    }

    private static String latest(double lastUsed) {
        return Double.isNaN(lastUsed) ? "" : " (latest " + format(lastUsed) + ")";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+($|e)", "$1");
    }
}
