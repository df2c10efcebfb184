package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.t5.BeamSearch;

/**
 * Beam search ({@link BeamSearch}, transformers' semantics) over a {@link T5Backbone}: the prompted input is
 * encoded once, each input's encoder output is repeated once per beam, and every step reruns the decoder over the
 * beams' prefixes (no key-value cache, as the backbone's greedy decoding does).
 */
public final class T5BeamSearch {

    private T5BeamSearch() {
    }

    /**
     * Decodes a batch.
     *
     * @param ids {@code [B, T]} int64 input ids
     * @param mask {@code [B, T]} attention mask
     * @param prompt {@code [P, d]}, {@code [B, P, d]} or null
     * @param decoding beams, length penalty, early stopping and the token budget
     * @return per input the start token followed by the best hypothesis' tokens
     */
    public static long[][] search(T5Backbone backbone, NDArray ids, NDArray mask, NDArray prompt, Decoding decoding) {
        NDManager scope = ids.getManager();
        T5Config config = backbone.config();
        int batch = Math.toIntExact(ids.getShape().get(0));
        int beams = decoding.numBeams();
        long promptLength = prompt == null ? 0 : prompt.getShape().get(prompt.getShape().dimension() - 2);
        NDArray fullMask = backbone.extendMask(mask, promptLength);
        NDArray hidden = backbone.encode(ids, mask, prompt, false);
        // row i becomes rows i*beams .. i*beams + beams - 1, the order BeamSearch lays its prefixes out in
        NDArray beamHidden = hidden.repeat(0, beams);
        NDArray beamMask = fullMask.repeat(0, beams);
        BeamSearch search = new BeamSearch(decoding, config.decoderStartTokenId(), config.eosTokenId());
        return search.search(batch, prefixes -> {
            int rows = prefixes.length;
            int length = prefixes[0].length;
            long[] flat = new long[rows * length];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(prefixes[r], 0, flat, r * length, length);
            }
            try (NDManager step = scope.newSubManager()) {
                NDArray decoderIds = step.create(flat, new Shape(rows, length));
                NDArray logits = backbone.model().decodeLogits(decoderIds, beamHidden, beamMask, false);
                float[] last = logits.get(":, -1, :").toType(DataType.FLOAT32, false).toFloatArray();
                int vocab = last.length / rows;
                float[][] out = new float[rows][vocab];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(last, r * vocab, out[r], 0, vocab);
                }
                return out;
            }
        });
    }
}
