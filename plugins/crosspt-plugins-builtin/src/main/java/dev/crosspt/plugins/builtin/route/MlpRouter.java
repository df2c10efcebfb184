package dev.crosspt.plugins.builtin.route;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterShape;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * {@code logit[t, k] = q_t . f(key_tk) / sqrt(r)}, where {@code f(x) = relu(x W1 + b1) W2 + b2} maps a key
 * ({@code d}) through {@code hidden} units to the query's size {@code r}: {@link LinearRouter} with a two-layer
 * network in place of its matrix. The task queries start at zero, so every candidate first weighs the same.
 */
final class MlpRouter implements Router {

    private final int hidden;
    private final int querySize;
    private final OptionalDouble learningRate;
    private final RouterParameters parameters = new RouterParameters();

    MlpRouter(int hidden, int querySize, OptionalDouble learningRate) {
        this.hidden = hidden;
        this.querySize = querySize;
        this.learningRate = learningRate;
    }

    @Override
    public void initialize(NDManager manager, RouterShape shape) {
        SplittableRandom random = new SplittableRandom(shape.seed());
        parameters.zeros(manager, "query", shape.tasks(), querySize);
        parameters.gaussian(manager, "weight1", random, Math.sqrt(2.0 / shape.dim()), shape.dim(), hidden);
        parameters.zeros(manager, "bias1", hidden);
        parameters.gaussian(manager, "weight2", random, Math.sqrt(1.0 / hidden), hidden, querySize);
        parameters.zeros(manager, "bias2", querySize);
    }

    @Override
    public Map<String, NDArray> parameters() {
        return parameters.all();
    }

    @Override
    public NDArray logits(RouterInput input) {
        var scope = input.scope();
        NDArray keys = input.candidateKeys();
        NDArray mapped = Activation.relu(keys.matMul(parameters.view("weight1", scope)).add(parameters.view("bias1", scope)))
                .matMul(parameters.view("weight2", scope)).add(parameters.view("bias2", scope));
        NDArray queries = parameters.view("query", scope);
        return RouterParameters.attend(mapped, input.perExample() ? input.byTask(queries) : queries);
    }

    @Override
    public OptionalDouble learningRate() {
        return learningRate;
    }
}
