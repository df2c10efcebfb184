package dev.crosspt.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a T5 checkpoint with random weights in the Hugging Face layout ({@code config.json} and
 * {@code model.safetensors}), initialised as transformers' {@code T5PreTrainedModel._init_weights} does.
 *
 * <p>Benchmarks and tests use it to get a model of any shape that goes through the real loader.
 */
public final class RandomT5Checkpoint {

    private final T5Config config;
    private final long seed;
    private DType storage = DType.F32;
    private boolean separateLmHead;

    private RandomT5Checkpoint(T5Config config, long seed) {
        this.config = config;
        this.seed = seed;
    }

    /** A checkpoint of this shape whose weights are drawn from {@code seed}. */
    public static RandomT5Checkpoint of(T5Config config, long seed) {
        return new RandomT5Checkpoint(config, seed);
    }

    /** Stores the weights as F32 (default), F16 or BF16. */
    public RandomT5Checkpoint optStorage(DType storage) {
        this.storage = storage;
        return this;
    }

    /** Also writes a separate {@code lm_head.weight}, as T5 v1.1 checkpoints have. */
    public RandomT5Checkpoint optSeparateLmHead(boolean separate) {
        this.separateLmHead = separate;
        return this;
    }

    /** The shape of t5-small: d_model 512, 6+6 layers, 8 heads, d_kv 64, d_ff 2048, vocabulary 32128. */
    public static T5Config t5SmallShape() {
        return new T5Config(32128, 512, 64, 2048, 6, 6, 8, 32, 128, 0.1, 1e-6, "relu", false, true, true, 0, 0, 1);
    }

    /**
     * Writes {@code config.json} and {@code model.safetensors} into {@code dir} (created if needed).
     *
     * @return {@code dir}
     */
    public Path write(Path dir) {
        SplittableRandom random = new SplittableRandom(seed);
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        int d = config.dModel();
        int ff = config.dFf();
        put(writer, random, "shared.weight", 1.0, config.vocabSize(), d);
        if (separateLmHead) {
            put(writer, random, "lm_head.weight", 1.0, config.vocabSize(), d);
        }
        for (String stack : new String[] {"encoder", "decoder"}) {
            boolean decoder = stack.equals("decoder");
            int layers = decoder ? config.numDecoderLayers() : config.numLayers();
            for (int i = 0; i < layers; i++) {
                String p = stack + ".block." + i + ".layer.";
                attention(writer, random, p + "0.SelfAttention.", i == 0);
                ones(writer, p + "0.layer_norm.weight", d);
                int ffIndex = 1;
                if (decoder) {
                    attention(writer, random, p + "1.EncDecAttention.", false);
                    ones(writer, p + "1.layer_norm.weight", d);
                    ffIndex = 2;
                }
                String f = p + ffIndex + ".DenseReluDense.";
                if (config.gatedAct()) {
                    put(writer, random, f + "wi_0.weight", Math.pow(d, -0.5), ff, d);
                    put(writer, random, f + "wi_1.weight", Math.pow(d, -0.5), ff, d);
                } else {
                    put(writer, random, f + "wi.weight", Math.pow(d, -0.5), ff, d);
                }
                put(writer, random, f + "wo.weight", Math.pow(ff, -0.5), d, ff);
                ones(writer, p + ffIndex + ".layer_norm.weight", d);
            }
            ones(writer, stack + ".final_layer_norm.weight", d);
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), config.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("config.json"), e);
        }
        writer.write(dir.resolve("model.safetensors"));
        return dir;
    }

    private void attention(SafetensorsWriter writer, SplittableRandom random, String prefix, boolean withBias) {
        int d = config.dModel();
        int inner = config.innerDim();
        put(writer, random, prefix + "q.weight", Math.pow((double) d * config.dKv(), -0.5), inner, d);
        put(writer, random, prefix + "k.weight", Math.pow(d, -0.5), inner, d);
        put(writer, random, prefix + "v.weight", Math.pow(d, -0.5), inner, d);
        put(writer, random, prefix + "o.weight", Math.pow(inner, -0.5), d, inner);
        if (withBias) {
            put(writer, random, prefix + "relative_attention_bias.weight", Math.pow(d, -0.5),
                    config.relativeAttentionNumBuckets(), config.numHeads());
        }
    }

    private void put(SafetensorsWriter writer, SplittableRandom random, String name, double std, int rows, int cols) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        writer.putFloats(name, new long[] {rows, cols}, values, storage);
    }

    private void ones(SafetensorsWriter writer, String name, int size) {
        float[] values = new float[size];
        java.util.Arrays.fill(values, 1f);
        writer.putFloats(name, new long[] {size}, values, storage);
    }
}
