package dev.crosspt.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.T5Config;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * ONNX Runtime sessions over an export directory written by {@link OnnxT5Exporter}: {@link #encode} runs the
 * encoder graph once, {@link #decode} runs the decoder graph over its output as often as needed. Plain arrays in
 * and out. Not thread-safe; close it to free the native sessions.
 */
public final class OnnxT5Session implements AutoCloseable {

    private final T5Config config;
    private final OrtEnvironment env;
    private final OrtSession encoder;
    private final OrtSession decoder;

    /** The encoder's output, row-major: {@code hidden [batch, source, d_model]}, {@code mask [batch, source]}. */
    public record Encoded(float[] hidden, long[] mask, int batch, int source) {

        /**
         * A copy with every row repeated {@code times} times, the copies adjacent: row {@code i} becomes rows
         * {@code i*times} to {@code i*times + times - 1}.
         */
        public Encoded repeatRows(int times) {
            int d = hidden.length / (batch * source);
            float[] h = new float[hidden.length * times];
            long[] m = new long[mask.length * times];
            for (int i = 0; i < batch; i++) {
                for (int t = 0; t < times; t++) {
                    int r = i * times + t;
                    System.arraycopy(hidden, i * source * d, h, r * source * d, source * d);
                    System.arraycopy(mask, i * source, m, r * source, source);
                }
            }
            return new Encoded(h, m, batch * times, source);
        }
    }

    /**
     * Opens both graphs of an export directory with ONNX Runtime's default threads; starts DJL's OnnxRuntime
     * engine first, which loads the native library.
     *
     * @param config the checkpoint's configuration
     * @param exportDir the directory {@link OnnxT5Exporter} wrote
     * @throws CheckpointException when ONNX Runtime cannot load a graph (named)
     */
    public OnnxT5Session(T5Config config, Path exportDir) {
        this(config, exportDir, 0);
    }

    /**
     * Opens both graphs with a fixed number of intra-op threads (inter-op threads 1), for like-for-like timings.
     *
     * @param intraOpThreads intra-op threads, or 0 for ONNX Runtime's default
     */
    public OnnxT5Session(T5Config config, Path exportDir, int intraOpThreads) {
        this.config = config;
        Engine.getEngine("OnnxRuntime");
        this.env = OrtEnvironment.getEnvironment();
        this.encoder = open(exportDir.resolve(OnnxT5Exporter.ENCODER), intraOpThreads);
        try {
            this.decoder = open(exportDir.resolve(OnnxT5Exporter.DECODER), intraOpThreads);
        } catch (RuntimeException e) {
            closeQuietly(encoder);
            throw e;
        }
    }

    private OrtSession open(Path file, int intraOpThreads) {
        // the session keeps its own copy of the options, so they are released once it exists
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
                options.setInterOpNumThreads(1);
            }
            return env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new CheckpointException(file + ": ONNX Runtime cannot load it (" + e.getMessage() + ")", e);
        }
    }

    /** The encoder graph's input names, as ONNX Runtime read them. */
    public Set<String> encoderInputNames() {
        return encoder.getInputNames();
    }

    /** The decoder graph's input names, as ONNX Runtime read them. */
    public Set<String> decoderInputNames() {
        return decoder.getInputNames();
    }

    /**
     * Runs the encoder of a plain export.
     *
     * @param embeds {@code [batch, source, d_model]} input embeddings (prompt rows included)
     * @param mask {@code [batch, source]} 1/0
     */
    public Encoded encode(float[] embeds, long[] mask, int batch, int source) {
        try (OnnxTensor e = OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds),
                        new long[] {batch, source, config.dModel()});
                OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {batch, source})) {
            return encode(Map.of("inputs_embeds", e, "attention_mask", m), batch);
        } catch (OrtException e) {
            throw failed(e);
        }
    }

    /**
     * Runs the encoder of an export with a baked-in prompt: token ids and their mask in; the output covers the
     * prompt positions too ({@code source = P + tokens}).
     *
     * @param ids {@code [batch, tokens]} token ids
     * @param mask {@code [batch, tokens]} 1/0 for the tokens only
     */
    public Encoded encodeTokens(long[] ids, long[] mask, int batch, int tokens) {
        try (OnnxTensor i = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {batch, tokens});
                OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {batch, tokens})) {
            return encode(Map.of("input_ids", i, "attention_mask", m), batch);
        } catch (OrtException e) {
            throw failed(e);
        }
    }

    private Encoded encode(Map<String, OnnxTensor> inputs, int batch) throws OrtException {
        try (OrtSession.Result result = encoder.run(inputs)) {
            OnnxTensor hidden = (OnnxTensor) result.get("encoder_hidden").orElseThrow();
            OnnxTensor mask = (OnnxTensor) result.get("encoder_attention_mask").orElseThrow();
            int source = Math.toIntExact(mask.getInfo().getShape()[1]);
            LongBuffer mb = mask.getLongBuffer();
            long[] m = new long[mb.remaining()];
            mb.get(m);
            return new Encoded(floats(hidden), m, batch, source);
        }
    }

    /**
     * Runs the decoder over an encoder output.
     *
     * @param decoderIds {@code [encoded.batch(), target]} decoder input ids (labels shifted right)
     * @return the logits, {@code [batch, target, vocab]}
     */
    public float[] decode(Encoded encoded, long[] decoderIds, int target) {
        int batch = encoded.batch();
        int source = encoded.source();
        try (OnnxTensor h = OnnxTensor.createTensor(env, FloatBuffer.wrap(encoded.hidden()),
                        new long[] {batch, source, config.dModel()});
                OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(encoded.mask()), new long[] {batch, source});
                OnnxTensor d = OnnxTensor.createTensor(env, LongBuffer.wrap(decoderIds), new long[] {batch, target});
                OrtSession.Result result = decoder.run(Map.of("encoder_hidden", h, "encoder_attention_mask", m,
                        "decoder_input_ids", d))) {
            return floats((OnnxTensor) result.get("logits").orElseThrow());
        } catch (OrtException e) {
            throw failed(e);
        }
    }

    private static float[] floats(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    private static IllegalStateException failed(OrtException e) {
        return new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            encoder.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            closeQuietly(decoder);
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // closing after another failure: the first one is what matters
        }
    }
}
