package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;

/** One decoder block: causal self-attention, cross-attention over the encoder, feed-forward. */
record DecoderLayerWeights(
        NDArray selfAttentionNorm,
        AttentionWeights selfAttention,
        NDArray crossAttentionNorm,
        AttentionWeights crossAttention,
        NDArray feedForwardNorm,
        FeedForwardWeights feedForward) {}
