package dev.crosspt.plugins.builtin.compose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** The candidates of every task, each scaled by its weight: the step both composers share. */
final class WeightedCandidates {

    private WeightedCandidates() {}

    /**
     * {@code out[t, k] = weights[t, k] * C_tk}, where {@code C_t} is the sources followed by task t's private prompt.
     *
     * @param sources {@code [M, L, d]} (M may be 0), or null for none
     * @param privates {@code [T, L, d]}, or null for none
     * @param weights {@code [T, K]}, {@code K = M + (privates == null ? 0 : 1)}
     * @param composer the composer's name, for errors
     * @return {@code [T, K, L, d]}, owned by the weights' manager
     * @throws IllegalArgumentException naming the shapes when they do not fit together
     */
    static NDArray of(NDArray sources, NDArray privates, NDArray weights, String composer) {
        Shape s = sources == null ? null : sources.getShape();
        Shape p = privates == null ? null : privates.getShape();
        Shape w = weights == null ? null : weights.getShape();
        String shapes = " (sources " + s + ", privates " + p + ", weights " + w + ")";
        if (w == null || w.dimension() != 2) {
            throw new IllegalArgumentException(composer + ": weights must be [T, K]" + shapes);
        }
        if ((s != null && s.dimension() != 3) || (p != null && p.dimension() != 3)) {
            throw new IllegalArgumentException(composer + ": sources and privates must be [count, L, d]" + shapes);
        }
        long m = s == null ? 0 : s.get(0);
        long k = m + (p == null ? 0 : 1);
        if (k == 0) {
            throw new IllegalArgumentException(composer + ": nothing to compose, no sources and no private prompts" + shapes);
        }
        if (w.get(1) != k) {
            throw new IllegalArgumentException(composer + ": weights must have K = M" + (p == null ? "" : " + 1") + " = " + k
                    + " columns" + shapes);
        }
        if (p != null && p.get(0) != w.get(0)) {
            throw new IllegalArgumentException(composer + ": one private prompt per task (row of weights) is needed" + shapes);
        }
        if (s != null && p != null && (s.get(1) != p.get(1) || s.get(2) != p.get(2))) {
            throw new IllegalArgumentException(composer + ": sources and privates must share L and d" + shapes);
        }
        NDManager scope = weights.getManager();
        NDArray perCandidate = weights.expandDims(2).expandDims(3);
        NDArray weightedSources = null;
        if (m > 0) {
            NDArray all = owned(sources.expandDims(0), scope);
            weightedSources = perCandidate.get(new NDIndex(":, 0:" + m)).mul(all);
        }
        if (p == null) {
            return weightedSources;
        }
        NDArray own = owned(privates.expandDims(1), scope);
        NDArray weightedPrivates = perCandidate.get(new NDIndex(":, " + m + ":")).mul(own);
        return weightedSources == null ? weightedPrivates : weightedSources.concat(weightedPrivates, 1);
    }

    /** {@code array} moved to {@code scope}, so a temporary derived from a long-lived prompt is freed with it. */
    private static NDArray owned(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }
}
