package dev.crosspt.plugins.builtin.select;

import ai.djl.ndarray.NDArray;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the {@code k} largest logits of each row and takes the softmax over them (divided by the temperature);
 * the other weights are exactly zero and their logits get no gradient. With {@code k >= K} it is a softmax.
 */
public final class TopKSelector implements SourceSelector {

    private final int k;
    private final Temperature temperature;
    private volatile double lastTemperature = Double.NaN;

    /**
     * Creates the selector.
     *
     * @param k how many candidates each task keeps, at least 1
     * @param temperature what the logits are divided by
     */
    public TopKSelector(int k, Temperature temperature) {
        if (k < 1) {
            throw new IllegalArgumentException("topk: k must be at least 1, got " + k);
        }
        this.k = k;
        this.temperature = Objects.requireNonNull(temperature, "temperature");
    }

    /** How many candidates each task keeps. */
    public int k() {
        return k;
    }

    @Override
    public NDArray select(NDArray logits, SelectionContext context) {
        int candidates = Ops.candidates(logits, "topk");
        double tau = temperature.at(context);
        lastTemperature = tau;
        NDArray view = NDScopes.view(logits, context.scope());
        NDArray scaled = view.div(NDScopes.scalar(view, tau));
        if (k >= candidates) {
            return scaled.softmax(1);
        }
        // Which logits survive is a constant of the step: computed without gradient.
        NDArray kept = scaled.stopGradient().topK(k, 1, true, false).get(1).oneHot(candidates).sum(new int[] {1});
        return scaled.add(Ops.penalty(kept)).softmax(1).mul(kept);
    }

    /** {@code {"k": k, "temperature": description}}. */
    @Override
    public Map<String, Object> summary(List<String> sourceNames) {
        return Map.of("k", k, "temperature", temperature.describe(lastTemperature));
    }
}
