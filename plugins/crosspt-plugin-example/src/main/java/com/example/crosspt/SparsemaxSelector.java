package com.example.crosspt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;

/**
 * Sparsemax (Martins and Astudillo, 2016): the Euclidean projection of {@code z = logits / temperature} onto the
 * probability simplex. Unlike softmax it gives exactly zero weight to candidates far below the best ones, so each
 * task uses a sparse set of source prompts, and it stays differentiable on the candidates it keeps.
 *
 * <p>With {@code z} sorted in decreasing order, {@code z_(1) >= z_(2) >= ...}, the support size is
 * {@code k(z) = max{k : 1 + k z_(k) > sum_{j <= k} z_(j)}}, the threshold is
 * {@code tau = (sum_{j <= k(z)} z_(j) - 1) / k(z)} and the weights are {@code w = max(z - tau, 0)}. The support is
 * found without gradient; {@code tau} is then recomputed from the support with differentiable operations, which
 * gives sparsemax's exact Jacobian on the support.
 */
public final class SparsemaxSelector implements SourceSelector {

    private final double temperature;

    /**
     * Creates the selector.
     *
     * @param temperature what the logits are divided by; smaller means sparser, positive and finite
     */
    public SparsemaxSelector(double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("sparsemax: temperature must be positive and finite, got " + temperature);
        }
        this.temperature = temperature;
    }

    /** What the logits are divided by. */
    public double temperature() {
        return temperature;
    }

    @Override
    public NDArray select(NDArray logits, SelectionContext context) {
        Shape shape = logits.getShape();
        if (shape.dimension() != 2 || shape.get(1) < 1) {
            throw new IllegalArgumentException("sparsemax: logits must be [tasks, candidates], got " + shape);
        }
        NDManager scope = context.scope();
        // A view of the logits owned by the step's scope: results of operations on it land there, not in the
        // long-lived manager of the router parameter, while gradients still reach the parameter.
        NDArray z = NDScopes.view(logits, scope);
        // never z.div(number) on a gradient path: see NDScopes
        z = z.div(NDScopes.scalar(z, temperature));
        // Shifting a row changes nothing in sparsemax; subtracting the row maximum keeps the sums small.
        z = z.sub(z.stopGradient().max(new int[] {1}, true));

        // The support, without gradient: tau0 = max_k (cumsum_k - 1) / k over the sorted row, support = z > tau0.
        NDArray fixed = z.stopGradient();
        NDArray sorted = fixed.neg().sort(1).neg();
        NDArray ranks = scope.arange(1f, shape.get(1) + 1f);
        NDArray threshold = sorted.cumSum(1).sub(1f).div(ranks).max(new int[] {1}, true);
        NDArray support = fixed.gt(threshold).toType(z.getDataType(), false);

        // tau with gradient, from the support: (sum of supported z - 1) / support size.
        NDArray tau = z.mul(support).sum(new int[] {1}, true).sub(1f).div(support.sum(new int[] {1}, true));
        return Activation.relu(z.sub(tau));
    }
}
