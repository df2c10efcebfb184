package dev.crosspt.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.t5.RelativePositionBuckets;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX Runtime session over a graph written by {@link OnnxT5Exporter}, with the Java side of the contract:
 * bucket ids and the causal mask are made here, and {@link #run} returns both outputs as plain arrays.
 * Not thread-safe; close it to free the native session.
 */
public final class OnnxT5Session implements AutoCloseable {

    private final T5Config config;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final RelativePositionBuckets buckets;

    /**
     * Opens a session; starts DJL's OnnxRuntime engine first, which loads the native library.
     *
     * @param config the checkpoint's configuration (bucket count and distance)
     * @param onnxFile the exported graph
     * @throws CheckpointException when ONNX Runtime cannot load the file
     */
    public OnnxT5Session(T5Config config, Path onnxFile) {
        this(config, onnxFile, 0);
    }

    /**
     * Opens a session with a fixed number of intra-op threads (inter-op threads 1), for like-for-like timings.
     *
     * @param intraOpThreads intra-op threads, or 0 for ONNX Runtime's default
     */
    public OnnxT5Session(T5Config config, Path onnxFile, int intraOpThreads) {
        this.config = config;
        Engine.getEngine("OnnxRuntime");
        this.env = OrtEnvironment.getEnvironment();
        // the session keeps its own copy of the options, so they are released once it exists
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
                options.setInterOpNumThreads(1);
            }
            this.session = env.createSession(onnxFile.toString(), options);
        } catch (OrtException e) {
            throw new CheckpointException(onnxFile + ": ONNX Runtime cannot load it (" + e.getMessage() + ")", e);
        }
        this.buckets = new RelativePositionBuckets(config.relativeAttentionNumBuckets(), config.relativeAttentionMaxDistance());
    }

    /** The graph's input names, as ONNX Runtime read them. */
    public Set<String> inputNames() {
        return session.getInputNames();
    }

    /** The outputs of one run. */
    public record Outputs(float[] encoderHidden, float[] logits) {}

    /**
     * Runs encoder and decoder.
     *
     * @param embeds {@code [batch, source, d_model]} input embeddings (prompt rows included)
     * @param mask {@code [batch, source]} 1/0
     * @param decoderIds {@code [batch, target]} decoder input ids
     * @param batch the batch size
     * @param source the source length (prompt included)
     * @param target the decoder length
     * @param wantEncoder whether to fetch {@code encoder_hidden} too
     */
    public Outputs run(float[] embeds, long[] mask, long[] decoderIds, int batch, int source, int target,
            boolean wantEncoder) {
        try {
            return run(Map.of(
                    "inputs_embeds", OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds),
                            new long[] {batch, source, config.dModel()}),
                    "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {batch, source})),
                    decoderIds, batch, source, target, wantEncoder);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a graph written by {@link OnnxT5Exporter#exportWithPrompt}: token ids and their mask in, the prompt
     * baked into the graph; the encoder bucket ids are made for the full length {@code promptLength + tokens}.
     *
     * @param ids {@code [batch, tokens]} token ids
     * @param mask {@code [batch, tokens]} 1/0 for the tokens only
     * @param promptLength the length of the prompt in the graph
     */
    public Outputs runPrompted(long[] ids, long[] mask, long[] decoderIds, int batch, int tokens, int promptLength,
            int target, boolean wantEncoder) {
        try {
            return run(Map.of(
                    "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {batch, tokens}),
                    "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {batch, tokens})),
                    decoderIds, batch, promptLength + tokens, target, wantEncoder);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    private Outputs run(Map<String, OnnxTensor> sourceInputs, long[] decoderIds, int batch, int source, int target,
            boolean wantEncoder) {
        float[] causal = new float[target * target];
        for (int q = 0; q < target; q++) {
            for (int k = q + 1; k < target; k++) {
                causal[q * target + k] = OnnxT5Exporter.MASKED;
            }
        }
        Map<String, OnnxTensor> in = new HashMap<>(sourceInputs);
        try {
            in.put("decoder_input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(decoderIds),
                    new long[] {batch, target}));
            in.put("encoder_buckets", OnnxTensor.createTensor(env, LongBuffer.wrap(squareTable(source, true)),
                    new long[] {source, source}));
            in.put("decoder_buckets", OnnxTensor.createTensor(env, LongBuffer.wrap(squareTable(target, false)),
                    new long[] {target, target}));
            in.put("decoder_causal_mask", OnnxTensor.createTensor(env, FloatBuffer.wrap(causal),
                    new long[] {target, target}));
            Set<String> wanted = wantEncoder ? Set.of("encoder_hidden", "logits") : Set.of("logits");
            try (OrtSession.Result result = session.run(in, wanted)) {
                float[] hidden = wantEncoder ? floats(result, "encoder_hidden") : null;
                return new Outputs(hidden, floats(result, "logits"));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] floats(OrtSession.Result result, String name) {
        OnnxTensor t = (OnnxTensor) result.get(name).orElseThrow();
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code [length, length]} bucket ids as the graph's int64 input. */
    private long[] squareTable(int length, boolean bidirectional) {
        int[] table = buckets.table(length, length, bidirectional);
        long[] ids = new long[table.length];
        for (int i = 0; i < table.length; i++) {
            ids[i] = table[i];
        }
        return ids;
    }
}
