package dev.crosspt.plugins.builtin.route;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.plugin.PluginSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/** The parameters of one router, created in order from its seed, and the settings every built-in router shares. */
final class RouterParameters {

    /** The setting that moves a router's parameters out of the shared fast group. */
    static final String LEARNING_RATE = "learning-rate";

    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    /** A parameter of zeros. */
    NDArray zeros(NDManager manager, String name, long... shape) {
        return add(manager, name, new float[Math.toIntExact(new Shape(shape).size())], shape);
    }

    /** A parameter drawn from N(0, std^2) with {@code random}. */
    NDArray gaussian(NDManager manager, String name, SplittableRandom random, double std, long... shape) {
        float[] values = new float[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return add(manager, name, values, shape);
    }

    private NDArray add(NDManager manager, String name, float[] values, long... shape) {
        NDArray array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        arrays.put(name, array);
        return array;
    }

    /** The parameter's view in the step's scope. */
    NDArray view(String name, NDManager scope) {
        NDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalStateException("router: initialize(...) must be called before logits(...)");
        }
        return NDScopes.view(array, scope);
    }

    /** Every parameter, read-only, in creation order. */
    Map<String, NDArray> all() {
        return java.util.Collections.unmodifiableMap(arrays);
    }

    /** {@code learning-rate}: a positive number, or empty (the shared fast group). */
    static OptionalDouble learningRate(PluginSettings settings) {
        if (!settings.has(LEARNING_RATE)) {
            return OptionalDouble.empty();
        }
        double rate = settings.getDouble(LEARNING_RATE, 0);
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw settings.wrong(LEARNING_RATE, "a positive number", settings.values().get(LEARNING_RATE));
        }
        return OptionalDouble.of(rate);
    }

    /** A whole-number size setting of at least 1. */
    static int size(PluginSettings settings, String key, int fallback) {
        int value = settings.getInt(key, fallback);
        if (value < 1) {
            throw settings.wrong(key, "a whole number of at least 1", settings.values().get(key));
        }
        return value;
    }

    /**
     * {@code sum_j keys[r, k, j] * query[r, j] / sqrt(d)}: each row's query against its candidates' keys.
     *
     * @param keys {@code [R, K, d]}
     * @param query {@code [R, d]}
     * @return {@code [R, K]}
     */
    static NDArray attend(NDArray keys, NDArray query) {
        long d = keys.getShape().get(2);
        NDArray scores = keys.matMul(query.expandDims(2)).squeeze(2);
        return scores.mul(NDScopes.scalar(scores, 1.0 / Math.sqrt(d)));
    }
}
