package dev.crosspt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.crosspt.api.NDScopes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay (Loshchilov and Hutter), as {@code torch.optim.AdamW} computes it.
 *
 * <p>Written here rather than taken from DJL so that its whole state (moments and step counts per parameter)
 * can be saved in a checkpoint and restored by {@code --resume}.
 */
final class AdamW {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private final Map<String, Long> steps = new LinkedHashMap<>();

    AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /**
     * Updates one parameter in place.
     *
     * @param name the parameter's stable name (its state is kept under it)
     * @param parameter the parameter (its manager owns the optimizer state)
     * @param gradient the parameter's gradient
     * @param rate the learning rate for this step
     * @param scope the step's scope, which owns every temporary
     */
    void update(String name, NDArray parameter, NDArray gradient, double rate, NDManager scope) {
        NDArray m = NDScopes.view(firstMoments.computeIfAbsent(name, k -> parameter.zerosLike()), scope);
        NDArray v = NDScopes.view(secondMoments.computeIfAbsent(name, k -> parameter.zerosLike()), scope);
        long t = steps.merge(name, 1L, Long::sum);
        NDArray p = NDScopes.view(parameter, scope);
        NDArray g = NDScopes.view(gradient, scope);
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.square().mul(1 - beta2));
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        // torch: p *= 1 - lr * wd; p -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)
        p.muli(1 - rate * weightDecay);
        NDArray denominator = v.sqrt().div(Math.sqrt(correction2)).add(epsilon);
        p.subi(m.div(denominator).mul(rate / correction1));
    }

    /** The state to checkpoint: {@code m/<name>}, {@code v/<name>} arrays. */
    Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        firstMoments.forEach((k, a) -> out.put("m/" + k, a));
        secondMoments.forEach((k, a) -> out.put("v/" + k, a));
        return out;
    }

    /** Step counts per parameter, to checkpoint. */
    Map<String, Long> steps() {
        return steps;
    }

    /**
     * Restores state saved by {@link #state()} and {@link #steps()}.
     *
     * @param arrays {@code m/<name>} and {@code v/<name>} arrays, already in the parameters' manager
     */
    void restore(Map<String, NDArray> arrays, Map<String, Long> savedSteps) {
        arrays.forEach((key, array) -> {
            if (key.startsWith("m/")) {
                firstMoments.put(key.substring(2), array);
            } else if (key.startsWith("v/")) {
                secondMoments.put(key.substring(2), array);
            }
        });
        steps.putAll(savedSteps);
    }
}
