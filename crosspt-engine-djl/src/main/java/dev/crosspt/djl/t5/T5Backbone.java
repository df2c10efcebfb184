package dev.crosspt.djl.t5;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorStore;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.t5.T5Tokenizer;
import dev.crosspt.t5.TokenBatch;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A frozen T5 checkpoint loaded for soft-prompt work: the model, its tokenizer and the manager that owns
 * the weights.
 *
 * <p>Every method works inside a scope the caller opens with {@link #newScope()} and closes when the step is
 * done; prompts are {@code [P, d_model]} (shared by the batch) or {@code [B, P, d_model]} and are prepended
 * to the token embeddings, the attention mask extended with ones.
 */
public final class T5Backbone implements AutoCloseable {

    private final Path directory;
    private final T5Config config;
    private final T5Model model;
    private final NDManager manager;
    private T5Tokenizer tokenizer;

    private T5Backbone(Path directory, T5Config config, T5Model model, NDManager manager) {
        this.directory = directory;
        this.config = config;
        this.model = model;
        this.manager = manager;
    }

    /**
     * Loads a checkpoint directory in the Hugging Face layout on the given device.
     *
     * @throws dev.crosspt.checkpoint.CheckpointException naming the file and tensor or field at fault
     */
    public static T5Backbone load(Path directory, Device device) {
        T5Config config = T5Config.load(directory.resolve("config.json"));
        NDManager manager = Engine.getEngine(Devices.ENGINE).newBaseManager(device);
        try (TensorStore store = TensorStore.open(directory)) {
            T5Weights weights = T5Weights.load(store, config, manager);
            return new T5Backbone(directory, config, new T5Model(config, weights), manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Loads on the CPU. */
    public static T5Backbone load(Path directory) {
        return load(directory, Device.cpu());
    }

    /** The checkpoint directory. */
    public Path directory() {
        return directory;
    }

    /** The checkpoint's configuration. */
    public T5Config config() {
        return config;
    }

    /** The model's tensor-level operations. */
    public T5Model model() {
        return model;
    }

    /**
     * The checkpoint's tokenizer, read from {@code tokenizer.json} on first use (tensor-level work such as
     * benchmarks needs none).
     *
     * @throws dev.crosspt.checkpoint.CheckpointException when the tokenizer file is missing or unreadable
     */
    public synchronized T5Tokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = T5Tokenizer.load(directory, config.padTokenId(), config.eosTokenId());
        }
        return tokenizer;
    }

    /** The device the weights live on. */
    public Device device() {
        return manager.getDevice();
    }

    /** A fresh scope for one step's temporaries; close it when the step is done. */
    public NDManager newScope() {
        return manager.newSubManager();
    }

    /**
     * Token embeddings with a soft prompt in front.
     *
     * @param ids {@code [B, T]} int64
     * @param prompt {@code [P, d]}, {@code [B, P, d]} or null for none
     * @return {@code [B, P + T, d]}
     */
    public NDArray inputEmbeddings(NDArray ids, NDArray prompt) {
        NDArray tokens = model.embed(ids);
        if (prompt == null) {
            return tokens;
        }
        long batch = ids.getShape().get(0);
        Shape shape = prompt.getShape();
        long length = shape.get(shape.dimension() - 2);
        // a view of the prompt, moved into the step's scope so that nothing derived from a long-lived prompt
        // lands in the prompt's own manager; gradients flow through the view
        NDArray view = prompt.reshape(shape.dimension() == 2 ? new Shape(1, length, config.dModel()) : shape);
        view.attach(ids.getManager());
        NDArray batched = shape.dimension() == 2 ? view.broadcast(new Shape(batch, length, config.dModel())) : view;
        return batched.concat(tokens, 1);
    }

    /** The attention mask with {@code promptLength} ones in front. */
    public NDArray extendMask(NDArray mask, long promptLength) {
        if (promptLength == 0) {
            return mask;
        }
        NDArray ones = mask.getManager().ones(new Shape(mask.getShape().get(0), promptLength), mask.getDataType());
        return ones.concat(mask, 1);
    }

    /** Runs the encoder over a prompted input. */
    public NDArray encode(NDArray ids, NDArray mask, NDArray prompt, boolean training) {
        return model.encode(inputEmbeddings(ids, prompt), extendMask(mask, promptLength(prompt)), training);
    }

    /** Teacher-forced logits {@code [B, L, vocab]} for the labels given. */
    public NDArray logits(NDArray ids, NDArray mask, NDArray prompt, NDArray labels, boolean training) {
        NDArray fullMask = extendMask(mask, promptLength(prompt));
        NDArray hidden = model.encode(inputEmbeddings(ids, prompt), fullMask, training);
        return model.decodeLogits(model.shiftRight(labels), hidden, fullMask, training);
    }

    /** Mean cross-entropy of the labels (-100 ignored), the training loss. */
    public NDArray loss(NDArray ids, NDArray mask, NDArray prompt, NDArray labels, boolean training) {
        return T5Model.crossEntropy(logits(ids, mask, prompt, labels, training), labels);
    }

    /**
     * Greedy decoding as transformers' {@code generate(do_sample=False)} does it: the start token, then the most
     * likely token at each step; a sequence that produced {@code </s>} continues with padding; decoding stops
     * when every sequence has finished or after {@code maxNewTokens}.
     *
     * @return per input the start token followed by the generated ids
     */
    public long[][] greedy(NDArray ids, NDArray mask, NDArray prompt, int maxNewTokens) {
        NDManager scope = ids.getManager();
        int batch = Math.toIntExact(ids.getShape().get(0));
        NDArray fullMask = extendMask(mask, promptLength(prompt));
        NDArray hidden = model.encode(inputEmbeddings(ids, prompt), fullMask, false);
        long[][] out = new long[batch][1];
        boolean[] finished = new boolean[batch];
        for (int i = 0; i < batch; i++) {
            out[i][0] = config.decoderStartTokenId();
        }
        for (int step = 0; step < maxNewTokens; step++) {
            int length = out[0].length;
            long[] flat = new long[batch * length];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(out[i], 0, flat, i * length, length);
            }
            try (NDManager stepScope = scope.newSubManager()) {
                NDArray decoderIds = stepScope.create(flat, new Shape(batch, length));
                NDArray logits = model.decodeLogits(decoderIds, hidden, fullMask, false);
                long[] next = logits.get(":, -1, :").argMax(-1).toType(DataType.INT64, false).toLongArray();
                boolean all = true;
                for (int i = 0; i < batch; i++) {
                    long token = finished[i] ? config.padTokenId() : next[i];
                    out[i] = append(out[i], token);
                    finished[i] |= token == config.eosTokenId();
                    all &= finished[i];
                }
                if (all) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Rank classification: the log-likelihood of every candidate label string for every input.
     *
     * @param candidates the candidate labels, encoded with {@link T5Tokenizer#encodeLabels}
     * @return {@code [B][C]} summed log-probabilities of each candidate's tokens (its {@code </s>} included)
     */
    public float[][] scoreCandidates(NDArray ids, NDArray mask, NDArray prompt, TokenBatch candidates) {
        NDManager scope = ids.getManager();
        int batch = Math.toIntExact(ids.getShape().get(0));
        int count = candidates.batch();
        NDArray fullMask = extendMask(mask, promptLength(prompt));
        NDArray hidden = model.encode(inputEmbeddings(ids, prompt), fullMask, false);
        // every input paired with every candidate: rows i*C + c
        NDArray repeatedHidden = hidden.repeat(0, count);
        NDArray repeatedMask = fullMask.repeat(0, count);
        NDArray labels = candidates.ids(scope).tile(new long[] {batch, 1});
        NDArray logits = model.decodeLogits(model.shiftRight(labels), repeatedHidden, repeatedMask, false);
        float[] scores = T5Model.sequenceLogLikelihood(logits, labels).toFloatArray();
        float[][] out = new float[batch][count];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(scores, i * count, out[i], 0, count);
        }
        return out;
    }

    private static long promptLength(NDArray prompt) {
        if (prompt == null) {
            return 0;
        }
        Shape shape = prompt.getShape();
        return shape.get(shape.dimension() - 2);
    }

    private static long[] append(long[] row, long token) {
        long[] longer = Arrays.copyOf(row, row.length + 1);
        longer[row.length] = token;
        return longer;
    }

    @Override
    public synchronized void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        manager.close();
    }
}
