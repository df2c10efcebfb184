package dev.crosspt.onnx;

import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.t5.BeamSearch;

/**
 * Beam search ({@link BeamSearch}, transformers' semantics) over an {@link OnnxT5Backbone}: the prompted input is
 * encoded once, each row repeated once per beam, and every step reruns the decoder graph over the beams' prefixes,
 * as the DJL backbone's beam search does.
 */
public final class OnnxBeamSearch {

    private OnnxBeamSearch() {
    }

    /**
     * Decodes a batch.
     *
     * @param prompt {@code [P, d]}, {@code [B, P, d]} or null
     * @return per input the start token followed by the best hypothesis' tokens
     */
    public static long[][] search(OnnxT5Backbone backbone, long[] ids, long[] mask, int batch, int length,
            float[] prompt, int promptLength, Decoding decoding) {
        T5Config config = backbone.config();
        int beams = decoding.numBeams();
        OnnxT5Session.Encoded encoded = backbone.encode(ids, mask, batch, length, prompt, promptLength)
                .repeatRows(beams);
        BeamSearch search = new BeamSearch(decoding, config.decoderStartTokenId(), config.eosTokenId());
        return search.search(batch, prefixes -> {
            int rows = prefixes.length;
            int steps = prefixes[0].length;
            long[] flat = new long[rows * steps];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(prefixes[r], 0, flat, r * steps, steps);
            }
            float[] logits = backbone.decode(encoded, flat, steps);
            int vocab = logits.length / (rows * steps);
            float[][] out = new float[rows][vocab];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(logits, (r * steps + steps - 1) * vocab, out[r], 0, vocab);
            }
            return out;
        });
    }
}
