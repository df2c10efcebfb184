package dev.crosspt.plugins.builtin.select;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SelectionContext;
import java.util.Locale;

/**
 * The temperature a selector divides its logits by: a fixed number, {@code 1/M} (one over the number of
 * candidates, so that the distribution does not flatten as candidates are added), or the authors' annealing.
 */
public sealed interface Temperature permits Temperature.Fixed, Temperature.InverseCandidates, Temperature.Anneal {

    /** The setting that holds the temperature. */
    String KEY = "temperature";

    /** The setting that holds the final annealed temperature. */
    String FINAL_KEY = "final-temperature";

    /** The setting that holds the fraction of training over which the temperature anneals. */
    String FRACTION_KEY = "anneal-fraction";

    /**
     * The temperature at this step.
     *
     * @param context where training stands
     * @param candidates K, the number of columns of the logits
     */
    double at(SelectionContext context, int candidates);

    /** What the temperature is, for summaries; {@code lastUsed} is the value of the latest step, or NaN. */
    String describe(double lastUsed);

    /**
     * A fixed temperature.
     *
     * @param value positive and finite
     */
    record Fixed(double value) implements Temperature {

        /** Checks the value. */
        public Fixed {
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("temperature must be positive and finite, got " + value);
            }
        }

        @Override
        public double at(SelectionContext context, int candidates) {
            return value;
        }

        @Override
        public String describe(double lastUsed) {
            return format(value);
        }
    }

    /** One over the number of candidates: {@code tau = 1/K}, so the logits are multiplied by K. */
    record InverseCandidates() implements Temperature {

        @Override
        public double at(SelectionContext context, int candidates) {
            return 1.0 / candidates;
        }

        @Override
        public String describe(double lastUsed) {
            return Double.isNaN(lastUsed) ? "1/M" : "1/M = " + format(lastUsed);
        }
    }

    /**
     * The authors' schedule: the temperature starts at 5, 3 or 1 (fewer than 10, fewer than 20, or more training
     * examples per task), falls linearly to {@code finalTemperature} over the first {@code fraction} of training
     * and stays there; evaluation uses {@code finalTemperature}.
     *
     * @param finalTemperature positive and finite (the authors use 0.001)
     * @param fraction the share of training spent annealing, in (0, 1] (the authors use 0.6)
     */
    record Anneal(double finalTemperature, double fraction) implements Temperature {

        /** Checks the values. */
        public Anneal {
            if (!(finalTemperature > 0) || !Double.isFinite(finalTemperature)) {
                throw new IllegalArgumentException("final temperature must be positive and finite, got " + finalTemperature);
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("anneal fraction must be in (0, 1], got " + fraction);
            }
        }

        /** The starting temperature for this many training examples per task: 5 below 10, 3 below 20, else 1. */
        public static double start(int samplesPerTask) {
            return samplesPerTask < 10 ? 5.0 : samplesPerTask < 20 ? 3.0 : 1.0;
        }

        @Override
        public double at(SelectionContext context, int candidates) {
            double progress = context.progress();
            if (!context.training() || progress >= fraction) {
                return finalTemperature;
            }
            double start = start(context.samplesPerTask());
            return start + (finalTemperature - start) * progress / fraction;
        }

        @Override
        public String describe(double lastUsed) {
            return "anneal to " + format(finalTemperature) + " over " + format(fraction * 100) + "% of training"
                    + (Double.isNaN(lastUsed) ? "" : " (latest " + format(lastUsed) + ")");
        }
    }

    /**
     * Reads {@value #KEY} (a positive number, {@code "1/M"} or {@code "anneal"}) and, for {@code anneal},
     * {@value #FINAL_KEY} (default 0.001) and {@value #FRACTION_KEY} (default 0.6).
     *
     * @param fallback the fixed temperature when {@value #KEY} is absent
     * @throws dev.crosspt.api.InvalidInputException for a bad value, or annealing settings without annealing
     */
    static Temperature fromSettings(PluginSettings settings, double fallback) {
        Object raw = settings.values().get(KEY);
        String text = raw == null ? null : raw.toString().trim();
        if ("anneal".equalsIgnoreCase(text)) {
            double finalTemperature = settings.getDouble(FINAL_KEY, 0.001);
            if (!(finalTemperature > 0) || !Double.isFinite(finalTemperature)) {
                throw settings.wrong(FINAL_KEY, "a positive number", settings.values().get(FINAL_KEY));
            }
            double fraction = settings.getDouble(FRACTION_KEY, 0.6);
            if (!(fraction > 0 && fraction <= 1)) {
                throw settings.wrong(FRACTION_KEY, "a number in (0, 1]", settings.values().get(FRACTION_KEY));
            }
            return new Anneal(finalTemperature, fraction);
        }
        for (String key : new String[] {FINAL_KEY, FRACTION_KEY}) {
            if (settings.has(key)) {
                throw new InvalidInputException(settings.owner() + ": setting '" + key + "' applies only with "
                        + KEY + " 'anneal', but " + KEY + " is '" + (raw == null ? fallback : raw) + "'");
            }
        }
        if (raw == null) {
            return new Fixed(fallback);
        }
        if ("1/M".equalsIgnoreCase(text)) {
            return new InverseCandidates();
        }
        double value;
        try {
            value = raw instanceof Number ? ((Number) raw).doubleValue() : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw settings.wrong(KEY, "a positive number, '1/M' or 'anneal'", raw);
        }
        if (!(value > 0) || !Double.isFinite(value)) {
            throw settings.wrong(KEY, "a positive number, '1/M' or 'anneal'", raw);
        }
        return new Fixed(value);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+($|e)", "$1");
    }
}
