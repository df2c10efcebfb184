package dev.crosspt.plugins.builtin.route;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.crosspt.api.backbone.InputFeature;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterShape;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * ATTEMPT-style routing (Asai et al., 2022): each example's input feature {@code x} (its token embeddings averaged,
 * or the prompt-free encoder output averaged), scaled to unit root-mean-square, is projected down and up,
 * {@code h = relu(x W1 + b1) W2}, and attended over the candidates' keys: {@code logit[b, k] = h . key_bk / sqrt(d)}.
 * {@code W2} starts at zero, so every candidate first weighs the same, as with the table.
 */
final class InstanceRouter implements Router {

    private final int hidden;
    private final InputFeature feature;
    private final OptionalDouble learningRate;
    private final RouterParameters parameters = new RouterParameters();

    InstanceRouter(int hidden, InputFeature feature, OptionalDouble learningRate) {
        this.hidden = hidden;
        this.feature = feature;
        this.learningRate = learningRate;
    }

    @Override
    public void initialize(NDManager manager, RouterShape shape) {
        SplittableRandom random = new SplittableRandom(shape.seed());
        parameters.gaussian(manager, "down", random, Math.sqrt(2.0 / shape.dim()), shape.dim(), hidden);
        parameters.zeros(manager, "down-bias", hidden);
        parameters.zeros(manager, "up", hidden, shape.dim());
    }

    @Override
    public Map<String, NDArray> parameters() {
        return parameters.all();
    }

    @Override
    public NDArray logits(RouterInput input) {
        if (!input.perExample()) {
            throw new IllegalArgumentException("instance router: needs each example's input feature, got per-task input");
        }
        var scope = input.scope();
        NDArray x = input.inputs();
        // the features carry no gradient, and their scale depends on the backbone: bring them to unit RMS
        NDArray rms = x.square().mean(new int[] {1}, true).add(1e-6f).sqrt();
        NDArray query = Activation.relu(x.div(rms).matMul(parameters.view("down", scope))
                .add(parameters.view("down-bias", scope))).matMul(parameters.view("up", scope));
        return RouterParameters.attend(input.candidateKeys(), query);
    }

    @Override
    public boolean perExample() {
        return true;
    }

    @Override
    public InputFeature inputFeature() {
        return feature;
    }

    @Override
    public OptionalDouble learningRate() {
        return learningRate;
    }
}
