package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One weight array of the model and the Hugging Face tensors it was built from.
 *
 * <p>Linear weights are stored {@code [in, out]} (transformers stores {@code [out, in]}) so that a forward pass
 * is {@code x.matMul(w)}, and projections that always run together are concatenated along {@code out}, so one
 * multiply serves them: {@code parts} lists the tensors in column order. Every other weight (embeddings,
 * norms, position-bias tables) keeps transformers' layout and has a single part.
 *
 * @param array the array, a leaf that can be made trainable
 * @param parts the Hugging Face tensor names, in order
 * @param linear true for a transposed (and possibly concatenated) linear weight
 */
record WeightLeaf(NDArray array, List<String> parts, boolean linear) {

    /**
     * Builds {@code [in, sum(out)]} from {@code [out, in]} matrices (row-major), side by side.
     *
     * @param out rows of each part
     * @param in columns of each part
     */
    static float[] transposeConcat(List<float[]> parts, int out, int in) {
        int width = parts.size() * out;
        float[] result = new float[in * width];
        for (int p = 0; p < parts.size(); p++) {
            float[] part = parts.get(p);
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    result[i * width + p * out + o] = part[o * in + i];
                }
            }
        }
        return result;
    }

    /** Inverse of {@link #transposeConcat}: part {@code p} back as {@code [out, in]}. */
    static float[] extractPart(float[] combined, int p, int partCount, int out, int in) {
        int width = partCount * out;
        float[] part = new float[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                part[o * in + i] = combined[i * width + p * out + o];
            }
        }
        return part;
    }
}
