package com.example.crosspt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterShape;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code logit[t, k] = scale * cos(q_t, key_tk)}: a learned query per task compared by cosine with each candidate's
 * key (its encoded prompt averaged over the length), so the logits stay within {@code [-scale, scale]} however large
 * the prompts grow.
 */
public final class CosineRouter implements Router {

    private final double scale;
    private NDArray query;

    /** @param scale the largest logit, positive */
    public CosineRouter(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("cosine: scale must be positive and finite, got " + scale);
        }
        this.scale = scale;
    }

    @Override
    public void initialize(NDManager parameters, RouterShape shape) {
        // drawn from the seed crosspt derives for the router: a run's seed reproduces it
        SplittableRandom random = new SplittableRandom(shape.seed());
        float[] values = new float[shape.tasks() * shape.dim()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        query = parameters.create(values, new Shape(shape.tasks(), shape.dim()));
        query.setRequiresGradient(true);
    }

    @Override
    public Map<String, NDArray> parameters() {
        return Map.of("query", query);
    }

    @Override
    public NDArray logits(RouterInput input) {
        // a view in the step's scope: temporaries are freed with the step, gradients reach the parameter
        NDArray q = NDScopes.view(query, input.scope());
        if (input.perExample()) {
            q = input.byTask(q);                                   // [T, d] -> one row per example
        }
        NDArray keys = input.candidateKeys();                      // [rows, K, d]
        NDArray dots = keys.matMul(q.expandDims(2)).squeeze(2);    // [rows, K]
        NDArray norms = keys.norm(new int[] {2}).mul(q.norm(new int[] {1}, true)).add(1e-6f);
        // never dots.mul(number) on a gradient path: see NDScopes
        return dots.div(norms).mul(NDScopes.scalar(dots, scale));
    }
}
