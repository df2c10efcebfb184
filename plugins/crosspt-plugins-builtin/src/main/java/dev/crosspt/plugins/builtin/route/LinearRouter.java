package dev.crosspt.plugins.builtin.route;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterShape;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * {@code logit[t, k] = (q_t W) . key_tk / sqrt(d)}: a learned query {@code q_t} per task ({@code [T, r]}, zero at the
 * start, so every candidate first weighs the same), a learned matrix {@code W} ({@code [r, d]}), and a key per
 * candidate, the encoded prompt averaged over its length (see {@link RouterInput#candidateKeys()}).
 */
final class LinearRouter implements Router {

    static final String QUERY = "query";
    static final String WEIGHT = "weight";

    private final int querySize;
    private final OptionalDouble learningRate;
    private final RouterParameters parameters = new RouterParameters();

    LinearRouter(int querySize, OptionalDouble learningRate) {
        this.querySize = querySize;
        this.learningRate = learningRate;
    }

    @Override
    public void initialize(NDManager manager, RouterShape shape) {
        SplittableRandom random = new SplittableRandom(shape.seed());
        parameters.zeros(manager, QUERY, shape.tasks(), querySize);
        parameters.gaussian(manager, WEIGHT, random, 1.0 / Math.sqrt(querySize), querySize, shape.dim());
    }

    @Override
    public Map<String, NDArray> parameters() {
        return parameters.all();
    }

    @Override
    public NDArray logits(RouterInput input) {
        NDArray projected = parameters.view(QUERY, input.scope()).matMul(parameters.view(WEIGHT, input.scope()));
        NDArray query = input.perExample() ? input.byTask(projected) : projected;
        return RouterParameters.attend(input.candidateKeys(), query);
    }

    @Override
    public OptionalDouble learningRate() {
        return learningRate;
    }
}
