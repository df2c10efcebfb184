package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.crosspt.api.NDScopes;

/**
 * The building blocks of a T5 stack, as transformers computes them. Every result attaches to the manager of
 * the activation passed in (never to a weight's), so a caller's step scope frees all temporaries. Numbers that
 * autograd records go through {@link NDScopes#scalar} (see there why).
 */
final class T5Layers {

    /** The additive value that masks a key out, {@code torch.finfo(float32).min} as transformers uses. */
    static final float MASKED = -Float.MAX_VALUE;

    private static final float GELU_NEW_C = (float) Math.sqrt(2.0 / Math.PI);

    private T5Layers() {}

    /**
     * T5's RMS norm: {@code x * rsqrt(mean(x^2) + eps) * w}, no mean subtraction, no bias.
     *
     * <p>The mean square is taken as the squared Euclidean norm over {@code d}: PyTorch's vector norm reads the
     * full-size tensor once and its backward pass is three full-size operators, where {@code square().mean()}
     * writes the squares and its backward pass is six (a power, two multiplies and two divisions by a number, a
     * multiply), as the profile of a training step shows. Everything after it works
     * on the {@code [..., 1]} statistic, and the full-size tensor is multiplied by its reciprocal, not divided by it
     * (a division's backward pass costs three full-size passes more).
     */
    static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        long width = x.getShape().get(x.getShape().dimension() - 1);
        NDArray meanSquare = x.norm(2, new int[] {-1}, true).square().div(NDScopes.scalar(x, width));
        NDArray scale = NDScopes.scalar(x, 1).div(meanSquare.add(eps).sqrt());
        NDArray scaled = x.mul(scale);
        // in place when the weight is frozen: no autograd node keeps the product, and one allocation is saved
        return weight.hasGradient() ? scaled.mul(weight) : scaled.muli(weight);
    }

    /** Dropout when training with a positive rate, identity otherwise (see {@link DropoutNoise}). */
    static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0f) {
            return x;
        }
        return DropoutNoise.apply(x, rate);
    }

    /**
     * Dropout in {@code x}'s own memory when training, identity otherwise: only for a fresh result that no
     * autograd node saved and nothing else reads (see {@link DropoutNoise#applyInPlace}).
     */
    static NDArray dropoutInPlace(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0f) {
            return x;
        }
        return DropoutNoise.applyInPlace(x, rate);
    }

    /**
     * Multi-head attention without 1/sqrt(d_kv) scaling, as T5 does.
     *
     * @param hidden {@code [B, T, d]} normed query input
     * @param memory {@code [B, S, d]} keys and values for cross-attention, or null for self-attention
     * @param w the projections
     * @param bias additive scores {@code [1 or B, 1 or H, T, S]}: position bias and mask together
     * @return {@code [B, T, d]}, a fresh product no autograd node keeps
     */
    static NDArray attention(
            NDArray hidden, NDArray memory, AttentionWeights w, NDArray bias, int heads, int dKv, float drop,
            boolean training) {
        long batch = hidden.getShape().get(0);
        long queryLength = hidden.getShape().get(1);
        NDArray query;
        NDArray key;
        NDArray value;
        if (memory == null) {
            NDList qkv = hidden.matMul(w.queryKeyValue()).split(3, 2);
            query = qkv.get(0);
            key = qkv.get(1);
            value = qkv.get(2);
        } else {
            query = hidden.matMul(w.query());
            NDList kv = memory.matMul(w.keyValue()).split(2, 2);
            key = kv.get(0);
            value = kv.get(1);
        }
        query = splitHeads(query, heads, dKv);
        key = splitHeads(key, heads, dKv);
        value = splitHeads(value, heads, dKv);
        // the bias is added in place: the product's backward pass keeps its operands, not its result
        NDArray scores = query.matMul(key.transpose(0, 1, 3, 2)).addi(bias);
        NDArray weights = dropout(scores.softmax(-1), drop, training);
        NDArray context = weights.matMul(value).transpose(0, 2, 1, 3).reshape(batch, queryLength, (long) heads * dKv);
        return context.matMul(w.output());
    }

    private static NDArray splitHeads(NDArray x, int heads, int dKv) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        return x.reshape(batch, length, heads, dKv).transpose(0, 2, 1, 3);
    }

    /** The feed-forward sub-layer: {@code wo(drop(act(wi x)))} or, gated, {@code wo(drop(act(wi_0 x) * wi_1 x))}. */
    static NDArray feedForward(NDArray x, FeedForwardWeights w, String act, boolean gated, float drop, boolean training) {
        NDArray h = x.matMul(w.input());
        if (!gated && "relu".equals(act) && training && drop > 0f && !w.output().hasGradient()) {
            // relu(h) * mask / (1 - p) = relu(h * mask) * (1 / (1 - p)) for a 0/1 mask. The mask goes into h's own
            // memory, unseen by autograd (h is a fresh product no node saved); relu's backward pass then zeroes
            // the dropped positions by itself, and the scale rides on the frozen wo: no multiply is recorded in
            // either direction, where dropout after the activation records one
            DropoutNoise.maskInPlace(h, drop);
            return Activation.relu(h).matMul(w.outputOverKeep(drop));
        }
        if (gated) {
            NDList parts = h.split(2, 2);
            h = activate(parts.get(0), act).mul(parts.get(1));
        } else {
            h = activate(h, act);
        }
        return dropout(h, drop, training).matMul(w.output());
    }

    /** The activations transformers names in {@code dense_act_fn}. */
    static NDArray activate(NDArray x, String act) {
        switch (act) {
            case "relu":
                return Activation.relu(x);
            case "gelu_new":
                // tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
                NDArray cube = x.mul(x).mul(x);
                NDArray inner = cube.mul(NDScopes.scalar(x, 0.044715)).add(x).mul(NDScopes.scalar(x, GELU_NEW_C)).tanh().add(1f);
                return x.mul(inner).mul(NDScopes.scalar(x, 0.5));
            case "gelu":
                return x.mul(x.mul(NDScopes.scalar(x, Math.sqrt(0.5))).erf().add(1f)).mul(NDScopes.scalar(x, 0.5));
            case "silu":
            case "swish":
                return x.mul(Activation.sigmoid(x));
            default:
                throw new IllegalArgumentException("unsupported activation '" + act + "'");
        }
    }

    /** {@code [B, S]} 1/0 mask to additive {@code [B, 1, 1, S]} scores: 0 to keep, {@link #MASKED} to hide. */
    static NDArray maskBias(NDArray mask) {
        long batch = mask.getShape().get(0);
        long length = mask.getShape().get(1);
        return mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(MASKED).reshape(batch, 1, 1, length);
    }
}
