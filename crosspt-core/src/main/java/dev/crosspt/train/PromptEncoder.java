package dev.crosspt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.crosspt.api.NDScopes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** The shared prompt encoder's parameters and its forward pass over {@code [N, L, d]} prompts. */
final class PromptEncoder {

    private final PromptEncoderKind kind;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();

    PromptEncoder(PromptEncoderKind kind, NDManager manager, int dim, int hidden, SplittableRandom random) {
        this.kind = kind;
        switch (kind) {
            case IDENTITY:
                break;
            case LINEAR:
                float[] identity = new float[dim * dim];
                for (int i = 0; i < dim; i++) {
                    identity[i * dim + i] = 1f;
                }
                add(manager, "encoder.weight", identity, dim, dim);
                add(manager, "encoder.bias", new float[dim], dim);
                break;
            case MLP:
                add(manager, "encoder.weight1", gaussian(random, dim * hidden, Math.sqrt(2.0 / dim)), dim, hidden);
                add(manager, "encoder.bias1", new float[hidden], hidden);
                add(manager, "encoder.weight2", gaussian(random, hidden * dim, Math.sqrt(1.0 / hidden)), hidden, dim);
                add(manager, "encoder.bias2", new float[dim], dim);
                break;
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    /** Trainable parameters by checkpoint name. */
    Map<String, NDArray> parameters() {
        return parameters;
    }

    /**
     * Encodes prompts.
     *
     * @param prompts {@code [N, L, d]} in the step's scope
     * @return {@code [N, L, d]} in the same scope
     */
    NDArray apply(NDArray prompts) {
        NDManager scope = prompts.getManager();
        switch (kind) {
            case IDENTITY:
                return prompts;
            case LINEAR:
                return prompts.matMul(NDScopes.view(parameters.get("encoder.weight"), scope))
                        .add(NDScopes.view(parameters.get("encoder.bias"), scope));
            case MLP:
                NDArray hidden = Activation.relu(prompts.matMul(NDScopes.view(parameters.get("encoder.weight1"), scope))
                        .add(NDScopes.view(parameters.get("encoder.bias1"), scope)));
                return hidden.matMul(NDScopes.view(parameters.get("encoder.weight2"), scope))
                        .add(NDScopes.view(parameters.get("encoder.bias2"), scope));
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    private void add(NDManager manager, String name, float[] values, long... shape) {
        NDArray array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        parameters.put(name, array);
    }

    static float[] gaussian(SplittableRandom random, int size, double std) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) (random.nextGaussian() * std);
        }
        return out;
    }
}
