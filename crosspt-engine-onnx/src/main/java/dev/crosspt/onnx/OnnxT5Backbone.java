package dev.crosspt.onnx;

import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorStore;
import dev.crosspt.io.Directories;
import dev.crosspt.t5.T5Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The frozen T5 of a checkpoint, exported to ONNX and run with ONNX Runtime (inference only): the Java side of
 * the graphs' contract. Embedding look-ups, prompt prepending, the decoder-input shift, the loss, candidate
 * scoring and greedy decoding are done here around {@link OnnxT5Session}, with plain arrays; every input is
 * encoded once, however many candidates or decoding steps follow.
 *
 * <p>Token ids and masks are row-major {@code [batch, length]}. A prompt is {@code [P, d]} (shared by the batch)
 * or {@code [B, P, d]} (one per example), row-major, or null for none; its length {@code P} is passed beside it.
 * Not thread-safe.
 */
public final class OnnxT5Backbone implements AutoCloseable {

    /** The label id that the loss ignores. */
    public static final long IGNORE = T5Tokenizer.IGNORE;

    private final Path modelDir;
    private final T5Config config;
    private final float[] embeddings;
    private final OnnxT5Session session;
    private final Path tempDir;

    private OnnxT5Backbone(Path modelDir, Path exportDir, int threads, Path tempDir) {
        this.modelDir = modelDir;
        this.config = T5Config.load(modelDir.resolve("config.json"));
        try (TensorStore store = TensorStore.open(modelDir)) {
            this.embeddings = store.readFloats("shared.weight");
        }
        this.session = new OnnxT5Session(config, exportDir, threads);
        this.tempDir = tempDir;
    }

    /** Exports the checkpoint to a temporary directory (removed on close) and opens it with default threads. */
    public static OnnxT5Backbone load(Path modelDir) {
        return load(modelDir, 0);
    }

    /**
     * Exports the checkpoint to a temporary directory (removed on close) and opens it.
     *
     * @param threads intra-op threads, or 0 for ONNX Runtime's default
     */
    public static OnnxT5Backbone load(Path modelDir, int threads) {
        Path temp;
        try {
            temp = Files.createTempDirectory("crosspt-onnx-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new OnnxT5Backbone(modelDir, OnnxT5Exporter.export(modelDir, temp), threads, temp);
        } catch (RuntimeException e) {
            Directories.deleteTreeQuietly(temp);
            throw e;
        }
    }

    /**
     * Opens graphs already exported for this checkpoint.
     *
     * @param exportDir the directory {@link OnnxT5Exporter#export} wrote for {@code modelDir}
     * @param threads intra-op threads, or 0 for ONNX Runtime's default
     */
    public static OnnxT5Backbone load(Path modelDir, Path exportDir, int threads) {
        return new OnnxT5Backbone(modelDir, exportDir, threads, null);
    }

    /** The checkpoint directory. */
    public Path directory() {
        return modelDir;
    }

    /** The checkpoint's configuration. */
    public T5Config config() {
        return config;
    }

    /** Row {@code id} of {@code shared.weight} (a copy). */
    public float[] embeddingRow(long id) {
        int d = config.dModel();
        checkId(id);
        return Arrays.copyOfRange(embeddings, (int) id * d, (int) (id + 1) * d);
    }

    /**
     * Encodes the prompted inputs once.
     *
     * @param prompt {@code [P, d]}, {@code [B, P, d]} or null
     */
    public OnnxT5Session.Encoded encode(long[] ids, long[] mask, int batch, int length, float[] prompt,
            int promptLength) {
        int p = prompt == null ? 0 : promptLength;
        return session.encode(embed(ids, batch, length, prompt, p), extendMask(mask, batch, length, p), batch,
                length + p);
    }

    /**
     * Teacher-forced logits {@code [B, L, vocab]} of the labels over an encoder output.
     *
     * @param labels {@code [B, L]}, -100 for padding
     */
    public float[] logits(OnnxT5Session.Encoded encoded, long[] labels, int target) {
        return session.decode(encoded, shiftRight(labels, encoded.batch(), target), target);
    }

    /**
     * Decoder logits {@code [B, L, vocab]} for decoder inputs given as they are (start token first, no shift).
     *
     * @param decoderIds {@code [B, L]}
     */
    public float[] decode(OnnxT5Session.Encoded encoded, long[] decoderIds, int length) {
        return session.decode(encoded, decoderIds, length);
    }

    /**
     * {@code [B, P + T, d]}: the prompt rows (if any) followed by each token's {@code shared.weight} row.
     *
     * @param prompt {@code [P, d]}, {@code [B, P, d]} or null
     */
    public float[] embed(long[] ids, int batch, int length, float[] prompt, int promptLength) {
        int d = config.dModel();
        int p = prompt == null ? 0 : promptLength;
        boolean perExample = false;
        if (prompt != null) {
            if (prompt.length == (long) batch * p * d && batch > 1) {
                perExample = true;
            } else if (prompt.length != (long) p * d) {
                throw new IllegalArgumentException("prompt of " + prompt.length + " floats is neither [" + p + ", " + d
                        + "] nor [" + batch + ", " + p + ", " + d + "]");
            }
        }
        int total = p + length;
        float[] out = new float[batch * total * d];
        for (int b = 0; b < batch; b++) {
            if (p > 0) {
                System.arraycopy(prompt, perExample ? b * p * d : 0, out, b * total * d, p * d);
            }
            for (int t = 0; t < length; t++) {
                long id = ids[b * length + t];
                checkId(id);
                System.arraycopy(embeddings, (int) id * d, out, (b * total + p + t) * d, d);
            }
        }
        return out;
    }

    private void checkId(long id) {
        if (id < 0 || id >= config.vocabSize()) {
            throw new IllegalArgumentException("token id " + id + " outside [0, " + config.vocabSize() + ")");
        }
    }

    /** The mask with {@code promptLength} ones prepended to every row. */
    public static long[] extendMask(long[] mask, int batch, int length, int promptLength) {
        if (promptLength == 0) {
            return mask;
        }
        int total = length + promptLength;
        long[] out = new long[batch * total];
        for (int b = 0; b < batch; b++) {
            Arrays.fill(out, b * total, b * total + promptLength, 1L);
            System.arraycopy(mask, b * length, out, b * total + promptLength, length);
        }
        return out;
    }

    /** Labels shifted right: the start token first, -100 replaced by the pad id. */
    public long[] shiftRight(long[] labels, int batch, int length) {
        long[] out = new long[labels.length];
        for (int b = 0; b < batch; b++) {
            out[b * length] = config.decoderStartTokenId();
            for (int t = 1; t < length; t++) {
                long v = labels[b * length + t - 1];
                out[b * length + t] = v < 0 ? config.padTokenId() : v;
            }
        }
        return out;
    }

    /**
     * Teacher-forced logits {@code [B, L, vocab]} of the labels given the prompted inputs (one eval forward).
     *
     * @param labels {@code [B, L]}, -100 for padding
     */
    public float[] logits(long[] ids, long[] mask, int batch, int length, float[] prompt, int promptLength,
            long[] labels, int target) {
        return logits(encode(ids, mask, batch, length, prompt, promptLength), labels, target);
    }

    /** Mean cross-entropy of the labels (-100 ignored). */
    public float loss(long[] ids, long[] mask, int batch, int length, float[] prompt, int promptLength,
            long[] labels, int target) {
        return crossEntropy(logits(ids, mask, batch, length, prompt, promptLength, labels, target), labels);
    }

    /** Mean cross-entropy over labels that are not -100 (computed in double, log-sum-exp stabilised). */
    public float crossEntropy(float[] logits, long[] labels) {
        int vocab = config.vocabSize();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == IGNORE) {
                continue;
            }
            sum -= logProb(logits, i * vocab, vocab, (int) labels[i]);
            count++;
        }
        return (float) (sum / count);
    }

    private static double logProb(float[] logits, int base, int vocab, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits[base + v]);
        }
        double z = 0;
        for (int v = 0; v < vocab; v++) {
            z += Math.exp(logits[base + v] - max);
        }
        return logits[base + label] - max - Math.log(z);
    }

    /**
     * Rank classification: the summed log-probability of every candidate's tokens ({@code </s>} included) for
     * every input, as the DJL backbone's {@code scoreCandidates}.
     *
     * @param candidates {@code [C, L]} candidate labels, -100 for padding
     * @return {@code [B][C]}
     */
    public float[][] scoreCandidates(long[] ids, long[] mask, int batch, int length, float[] prompt,
            int promptLength, long[] candidates, int count, int candidateLength) {
        int vocab = config.vocabSize();
        // every input paired with every candidate: rows i*C + c, the encoder run once per input
        OnnxT5Session.Encoded repeated = encode(ids, mask, batch, length, prompt, promptLength).repeatRows(count);
        int rows = batch * count;
        long[] labels = new long[rows * candidateLength];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(candidates, (r % count) * candidateLength, labels, r * candidateLength, candidateLength);
        }
        float[] logits = logits(repeated, labels, candidateLength);
        float[][] out = new float[batch][count];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int t = 0; t < candidateLength; t++) {
                long label = labels[r * candidateLength + t];
                if (label >= 0) {
                    sum += logProb(logits, (r * candidateLength + t) * vocab, vocab, (int) label);
                }
            }
            out[r / count][r % count] = (float) sum;
        }
        return out;
    }

    /**
     * Greedy decoding as transformers' {@code generate(do_sample=False)}: reruns the graph with a growing decoder
     * input; finished rows continue with pad; stops when every row has produced {@code </s>} or after
     * {@code maxNewTokens}.
     *
     * @return per input the start token followed by the generated ids
     */
    public long[][] greedy(long[] ids, long[] mask, int batch, int length, float[] prompt, int promptLength,
            int maxNewTokens) {
        return greedy(encode(ids, mask, batch, length, prompt, promptLength), maxNewTokens);
    }

    /** Greedy decoding over an encoder output, as {@link #greedy(long[], long[], int, int, float[], int, int)}. */
    public long[][] greedy(OnnxT5Session.Encoded encoded, int maxNewTokens) {
        int batch = encoded.batch();
        int vocab = config.vocabSize();
        long[][] rows = new long[batch][maxNewTokens + 1];
        boolean[] finished = new boolean[batch];
        for (long[] r : rows) {
            r[0] = config.decoderStartTokenId();
        }
        int length = 1;
        for (int step = 0; step < maxNewTokens; step++) {
            long[] flat = new long[batch * length];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(rows[b], 0, flat, b * length, length);
            }
            float[] logits = session.decode(encoded, flat, length);
            boolean all = true;
            for (int b = 0; b < batch; b++) {
                int base = (b * length + length - 1) * vocab;
                int best = 0;
                for (int v = 1; v < vocab; v++) {
                    if (logits[base + v] > logits[base + best]) {
                        best = v;
                    }
                }
                long token = finished[b] ? config.padTokenId() : best;
                rows[b][length] = token;
                finished[b] |= token == config.eosTokenId();
                all &= finished[b];
            }
            length++;
            if (all) {
                break;
            }
        }
        long[][] out = new long[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = Arrays.copyOf(rows[b], length);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            if (tempDir != null) {
                Directories.deleteTreeQuietly(tempDir); // a leftover temporary directory is harmless
            }
        }
    }
}
