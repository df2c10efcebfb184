package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;

/**
 * One attention sub-layer's frozen projections, laid out for {@code x.matMul(w)}.
 *
 * @param query {@code [d_model, inner]} query projection
 * @param keyValue {@code [d_model, 2 * inner]} key and value projections side by side, so one matrix multiply
 *     serves both
 * @param queryKeyValue {@code [d_model, 3 * inner]} all three side by side, for self-attention
 * @param output {@code [inner, d_model]} output projection
 */
record AttentionWeights(NDArray query, NDArray keyValue, NDArray queryKeyValue, NDArray output) {}
