package dev.crosspt.plugins.builtin.select;

import ai.djl.ndarray.NDArray;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The authors' selector. Training: a RelaxedBernoulli sample per candidate,
 * {@code g = sigmoid((logits + log u - log(1 - u)) / tau)} with {@code u ~ U(0, 1)} from the engine's generator;
 * evaluation: {@code g = sigmoid(logits)}. The weights are {@code g} normalised per row, {@code w = g / sum(g)},
 * computed as {@code softmax(log sigmoid(.))} so that rows stay distributions even when every {@code g} underflows.
 */
public final class RelaxedBernoulliSelector implements SourceSelector {

    private final Temperature temperature;
    private volatile double lastTemperature = Double.NaN;

    /**
     * Creates the selector.
     *
     * @param temperature the relaxation temperature of the training-time sample
     */
    public RelaxedBernoulliSelector(Temperature temperature) {
        this.temperature = Objects.requireNonNull(temperature, "temperature");
    }

    @Override
    public NDArray select(NDArray logits, SelectionContext context) {
        Ops.candidates(logits, "relaxed-bernoulli");
        NDArray x = NDScopes.view(logits, context.scope());
        if (context.training()) {
            double tau = temperature.at(context);
            lastTemperature = tau;
            x = x.add(Ops.logisticNoise(context.scope(), x.getShape()));
            x = x.div(NDScopes.scalar(x, tau));
        }
        return Ops.logSigmoid(x).softmax(1);
    }

    /** {@code {"temperature": description}}, with the latest training value used. */
    @Override
    public Map<String, Object> summary(List<String> sourceNames) {
        return Map.of("temperature", temperature.describe(lastTemperature));
    }
}
