package dev.crosspt.bench;

import dev.crosspt.checkpoint.T5Config;

/**
 * Analytic floating-point operations of one prompt-tuning step on a frozen T5: matrix multiplies only
 * (2 per multiply-add), the forward pass plus the backward pass that a frozen backbone needs.
 *
 * <p>Backward computes gradients of activations only, never of weights: each linear layer costs its forward
 * FLOPs once more (input gradient); each attention product costs twice its forward FLOPs (both operands are
 * activations). The decoder's first self-attention does not depend on the prompt and gets no backward pass.
 */
public final class StepFlops {

    private StepFlops() {}

    /** Forward FLOPs for a batch with {@code source} encoder positions and {@code target} decoder positions. */
    public static double forward(T5Config c, int batch, int source, int target) {
        return linear(c, batch, source, target) + attention(c, batch, source, target);
    }

    /** Forward plus backward FLOPs of one training step. */
    public static double trainingStep(T5Config c, int batch, int source, int target) {
        // backward of the decoder's first self-attention, which the prompt cannot reach: q, k, v, o input
        // gradients plus both operands of both attention products
        double unreachable = 2.0 * batch * target * c.dModel() * 4.0 * c.innerDim()
                + 2 * 4.0 * batch * c.numHeads() * (double) target * target * c.dKv();
        double backward = linear(c, batch, source, target) + 2 * attention(c, batch, source, target) - unreachable;
        return forward(c, batch, source, target) + backward;
    }

    /** Projections, feed-forward and the LM head. */
    private static double linear(T5Config c, int batch, int source, int target) {
        double d = c.dModel();
        double inner = c.innerDim();
        double ff = c.dFf() * (c.gatedAct() ? 3.0 : 2.0);
        double perEncoderToken = 2 * (4 * d * inner + ff * d);
        double perDecoderToken = 2 * (4 * d * inner + 2 * d * inner + ff * d);
        double crossKeyValuePerSourceToken = 2 * (2 * d * inner);
        return batch * (source * perEncoderToken * c.numLayers()
                + (target * perDecoderToken + source * crossKeyValuePerSourceToken) * c.numDecoderLayers()
                + 2.0 * target * d * c.vocabSize());
    }

    /** Score and context products: {@code QK^T} and {@code AV}. */
    private static double attention(T5Config c, int batch, int source, int target) {
        double perPair = 2.0 * 2.0 * c.numHeads() * c.dKv();
        return batch * perPair * ((double) source * source * c.numLayers()
                + ((double) target * target + (double) target * source) * c.numDecoderLayers());
    }
}
