package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;

/**
 * One feed-forward sub-layer's frozen weights, laid out for {@code x.matMul(w)}.
 *
 * @param input {@code [d_model, d_ff]} ({@code wi}) for relu, or {@code [d_model, 2 * d_ff]} ({@code wi_0}
 *     and {@code wi_1} side by side) for a gated activation
 * @param output {@code [d_ff, d_model]} ({@code wo})
 */
record FeedForwardWeights(NDArray input, NDArray output) {}
