package dev.crosspt.plugins.builtin.select;

import ai.djl.ndarray.NDArray;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code w = softmax(logits / tau)} per row, with a fixed or {@code tau0/M} temperature, optionally annealed. */
public final class SoftmaxSelector implements SourceSelector {

    private final Temperature temperature;
    private volatile double lastTemperature = Double.NaN;

    /**
     * Creates the selector.
     *
     * @param temperature what the logits are divided by
     */
    public SoftmaxSelector(Temperature temperature) {
        this.temperature = Objects.requireNonNull(temperature, "temperature");
    }

    /** The temperature setting. */
    public Temperature temperature() {
        return temperature;
    }

    @Override
    public NDArray select(NDArray logits, SelectionContext context) {
        Ops.candidates(logits, "softmax");
        double tau = temperature.at(context);
        lastTemperature = tau;
        NDArray view = NDScopes.view(logits, context.scope());
        return view.div(NDScopes.scalar(view, tau)).softmax(1);
    }

    /** {@code {"temperature": description}}, with the latest value used. */
    @Override
    public Map<String, Object> summary(List<String> sourceNames) {
        return Map.of("temperature", temperature.describe(lastTemperature));
    }
}
