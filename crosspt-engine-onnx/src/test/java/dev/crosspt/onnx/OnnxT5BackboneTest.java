package dev.crosspt.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crosspt.checkpoint.T5Config;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The array-level ONNX backbone: prompt layouts, scoring against the loss, greedy decoding. */
class OnnxT5BackboneTest {

    private static OnnxT5Backbone backbone;
    private static final int B = 2;
    private static final int T = 5;
    private static final int P = 3;
    private static final long[] IDS = {5, 9, 13, 17, 1, 7, 11, 1, 0, 0};
    private static final long[] MASK = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0};

    @BeforeAll
    static void load() {
        backbone = OnnxT5Backbone.load(Fixtures.dir("t5-tiny-relu"));
    }

    @AfterAll
    static void close() {
        backbone.close();
    }

    private static float[] prompt(int rows, long seed) {
        int d = backbone.config().dModel();
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = new float[rows * d];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        return p;
    }

    @Test
    void sharedPromptEqualsTheSamePromptPerExample() {
        float[] shared = prompt(P, 1);
        float[] perExample = new float[B * shared.length];
        System.arraycopy(shared, 0, perExample, 0, shared.length);
        System.arraycopy(shared, 0, perExample, shared.length, shared.length);
        long[] labels = {4, 8, 1, 6, 1, -100};
        float a = backbone.loss(IDS, MASK, B, T, shared, P, labels, 3);
        float b = backbone.loss(IDS, MASK, B, T, perExample, P, labels, 3);
        assertEquals(a, b, 1e-6f);
        assertThrows(IllegalArgumentException.class,
                () -> backbone.loss(IDS, MASK, B, T, prompt(P + 1, 1), P, labels, 3));
    }

    @Test
    void scoreOfOneCandidateIsMinusTheSummedLoss() {
        float[] p = prompt(P, 2);
        long[] candidates = {4, 8, 1, 6, 1, -100};
        float[][] scores = backbone.scoreCandidates(IDS, MASK, B, T, p, P, candidates, 2, 3);
        for (int i = 0; i < B; i++) {
            long[] ids = java.util.Arrays.copyOfRange(IDS, i * T, (i + 1) * T);
            long[] mask = java.util.Arrays.copyOfRange(MASK, i * T, (i + 1) * T);
            for (int c = 0; c < 2; c++) {
                long[] label = java.util.Arrays.copyOfRange(candidates, c * 3, (c + 1) * 3);
                int tokens = (int) java.util.Arrays.stream(label).filter(v -> v >= 0).count();
                float loss = backbone.loss(ids, mask, 1, T, p, P, label, 3);
                assertEquals(-loss * tokens, scores[i][c], 1e-4, "input " + i + " candidate " + c);
            }
        }
    }

    @Test
    void greedyStartsWithTheStartTokenAndIsDeterministic() {
        T5Config c = backbone.config();
        long[][] a = backbone.greedy(IDS, MASK, B, T, null, 0, 4);
        long[][] b = backbone.greedy(IDS, MASK, B, T, null, 0, 4);
        assertEquals(B, a.length);
        for (int i = 0; i < B; i++) {
            assertEquals(c.decoderStartTokenId(), a[i][0]);
            assertArrayEquals(a[i], b[i]);
        }
    }
}
