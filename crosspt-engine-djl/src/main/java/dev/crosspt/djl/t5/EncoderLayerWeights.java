package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;

/** One encoder block: self-attention and feed-forward, each behind its own RMS norm. */
record EncoderLayerWeights(
        NDArray selfAttentionNorm,
        AttentionWeights selfAttention,
        NDArray feedForwardNorm,
        FeedForwardWeights feedForward) {}
