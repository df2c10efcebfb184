package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.djl.TestFixtures;
import dev.crosspt.t5.T5Tokenizer;
import dev.crosspt.t5.TokenBatch;
import dev.crosspt.verify.ReferenceSet;
import dev.crosspt.verify.TensorValue;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rank classification scores are the candidates' sequence log-likelihoods, as teacher forcing computes them. */
class GreedyAndScoringTest {

    private static final List<String> CANDIDATES = List.of("positive", "negative", "entailment");

    @AutoClose
    private static T5Backbone backbone;

    private static ReferenceSet reference;

    @BeforeAll
    static void load() {
        backbone = T5Backbone.load(TestFixtures.fixture(TestFixtures.RELU));
        reference = ReferenceSet.load(TestFixtures.expected(TestFixtures.RELU));
    }

    @Test
    void candidateScoresEqualPerRowLogLikelihoods() {
        List<String> targets = reference.texts().orElseThrow().targets();
        assertEquals(List.of("positive", "entailment"), targets);
        T5Tokenizer tokenizer = backbone.tokenizer();
        TokenBatch candidates = tokenizer.encodeLabels(CANDIDATES, 64);
        long[] referenceLabels = reference.get("labels").longs();
        int labelLength = Math.toIntExact(reference.get("labels").shape()[1]);
        try (NDManager scope = backbone.newScope()) {
            NDArray ids = longs(scope, reference.get("input_ids"));
            NDArray mask = longs(scope, reference.get("attention_mask"));
            TensorValue p = reference.get("prompt");
            NDArray prompt = scope.create(p.floats(), new Shape(p.shape()));

            float[][] scores = backbone.scoreCandidates(ids, mask, prompt, candidates);
            assertEquals(2, scores.length);
            for (float[] row : scores) {
                assertEquals(CANDIDATES.size(), row.length);
                for (float s : row) {
                    assertTrue(Float.isFinite(s) && s <= 0, "score " + s + " in " + Arrays.toString(row));
                }
            }

            for (int i = 0; i < 2; i++) {
                NDArray rowIds = ids.get(new NDIndex("{}:{}", i, i + 1));
                NDArray rowMask = mask.get(new NDIndex("{}:{}", i, i + 1));
                for (int c = 0; c < CANDIDATES.size(); c++) {
                    long[] tokens = tokenizer.encode(CANDIDATES.get(c));
                    NDArray labels = scope.create(tokens, new Shape(1, tokens.length));
                    NDArray logits = backbone.logits(rowIds, rowMask, prompt, labels, false);
                    float logLikelihood = T5Model.sequenceLogLikelihood(logits, labels).toFloatArray()[0];
                    String what = "input " + i + ", candidate '" + CANDIDATES.get(c) + "'";
                    // 1e-4 relative to max(1, |value|), the project's tolerance convention (scores here are about -50)
                    double tolerance = 1e-4 * Math.max(1, Math.abs(logLikelihood));
                    assertEquals(logLikelihood, scores[i][c], tolerance, what);
                    if (CANDIDATES.get(c).equals(targets.get(i))) {
                        // the true target: -loss of that single label, summed over its tokens
                        long[] expectedRow = Arrays.stream(referenceLabels, i * labelLength, (i + 1) * labelLength)
                                .filter(t -> t >= 0).toArray();
                        assertArrayEquals(expectedRow, tokens, "labels of " + what);
                        float loss = T5Model.crossEntropy(logits, labels).getFloat();
                        assertEquals(-loss * tokens.length, scores[i][c], tolerance, what);
                    }
                }
            }
        }
    }

    @Test
    void greedyWithThePromptReproducesTheReference() {
        TensorValue generated = reference.get("generated_ids");
        try (NDManager scope = backbone.newScope()) {
            TensorValue p = reference.get("prompt");
            long[][] out = backbone.greedy(longs(scope, reference.get("input_ids")),
                    longs(scope, reference.get("attention_mask")), scope.create(p.floats(), new Shape(p.shape())),
                    Math.toIntExact(generated.shape()[1] - 1));
            int width = Math.toIntExact(generated.shape()[1]);
            for (int i = 0; i < out.length; i++) {
                long[] expected = Arrays.copyOfRange(generated.longs(), i * width, (i + 1) * width);
                long[] actual = Arrays.copyOf(out[i], width); // a row that stopped early is padded with 0
                assertArrayEquals(expected, actual, "row " + i);
            }
        }
    }

    private static NDArray longs(NDManager scope, TensorValue value) {
        return scope.create(value.longs(), new Shape(value.shape()));
    }
}
