package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One feed-forward sub-layer's frozen weights, laid out for {@code x.matMul(w)}.
 *
 * @param input {@code [d_model, d_ff]} ({@code wi}) for relu, or {@code [d_model, 2 * d_ff]} ({@code wi_0}
 *     and {@code wi_1} side by side) for a gated activation
 * @param output {@code [d_ff, d_model]} ({@code wo})
 * @param scaledOutputs {@code wo / (1 - rate)} per dropout rate, made on first use (see {@link #outputOverKeep})
 */
record FeedForwardWeights(NDArray input, NDArray output, Map<Float, NDArray> scaledOutputs) {

    FeedForwardWeights(NDArray input, NDArray output) {
        this(input, output, new ConcurrentHashMap<>());
    }

    /**
     * {@code wo / (1 - rate)}, made once per rate in the weights' manager: inverted dropout's scale, moved from
     * the activations onto the frozen weight. Only for frozen weights; {@link #forgetScaled} when they may change.
     */
    NDArray outputOverKeep(float rate) {
        return scaledOutputs.computeIfAbsent(rate, r -> output.mul(1f / (1f - r)));
    }

    /** Drops the scaled copies, for weights about to be trained. */
    void forgetScaled() {
        scaledOutputs.values().forEach(NDArray::close);
        scaledOutputs.clear();
    }
}
