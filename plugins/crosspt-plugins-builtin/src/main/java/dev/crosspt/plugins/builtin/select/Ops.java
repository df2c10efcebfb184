package dev.crosspt.plugins.builtin.select;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/** Array helpers the selectors share. */
final class Ops {

    /** Keeps uniform noise away from 0 and 1, where its logit is infinite. */
    static final float NOISE_EPS = 1e-6f;

    /** Added to a logit to make its softmax weight exactly zero without creating NaN or infinity. */
    static final float OFF = -1e9f;

    private Ops() {}

    /** {@code log(sigmoid(x))}, computed as {@code -softplus(-x)} so that it stays finite for large |x|. */
    static NDArray logSigmoid(NDArray x) {
        return Activation.softPlus(x.neg()).neg();
    }

    /** {@code 0} where {@code keep} is 1 and {@value #OFF} where it is 0: add it to logits before a softmax. */
    static NDArray penalty(NDArray keep) {
        return keep.sub(1f).mul(-OFF);
    }

    /** Logistic noise {@code log(u) - log(1 - u)}, {@code u ~ U(eps, 1 - eps)}, from the engine's generator. */
    static NDArray logisticNoise(NDManager scope, Shape shape) {
        NDArray u = scope.randomUniform(NOISE_EPS, 1f - NOISE_EPS, shape);
        return u.log().sub(u.neg().add(1f).log());
    }

    /**
     * Checks that the logits are {@code [T, K]} with {@code K >= 1}.
     *
     * @return K
     * @throws IllegalArgumentException naming the selector and the shape
     */
    static int candidates(NDArray logits, String selector) {
        if (logits == null) {
            throw new IllegalArgumentException(selector + ": logits are null");
        }
        Shape shape = logits.getShape();
        if (shape.dimension() != 2 || shape.get(1) < 1) {
            throw new IllegalArgumentException(selector + ": logits must be [tasks, candidates] with at least one"
                    + " candidate, got " + shape);
        }
        return Math.toIntExact(shape.get(1));
    }
}
