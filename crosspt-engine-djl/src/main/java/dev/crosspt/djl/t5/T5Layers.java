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
     * T5's RMS norm: {@code x * rsqrt(mean(x^2) + eps) * w}, no mean subtraction, no bias. The reciprocal is taken
     * of the {@code [..., 1]} statistic, so the full-size tensor is multiplied, not divided: a division's backward
     * pass costs three full-size passes more.
     */
    static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(eps).sqrt();
        return x.mul(NDScopes.scalar(x, 1).div(rms)).mul(weight);
    }

    /** Dropout when training with a positive rate, identity otherwise (see {@link DropoutNoise}). */
    static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0f) {
            return x;
        }
        return DropoutNoise.apply(x, rate);
    }

    /**
     * Multi-head attention without 1/sqrt(d_kv) scaling, as T5 does.
     *
     * @param hidden {@code [B, T, d]} normed query input
     * @param memory {@code [B, S, d]} keys and values for cross-attention, or null for self-attention
     * @param w the projections
     * @param bias additive scores {@code [1 or B, 1 or H, T, S]}: position bias and mask together
     * @return {@code [B, T, d]}
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
        NDArray scores = query.matMul(key.transpose(0, 1, 3, 2)).add(bias);
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
