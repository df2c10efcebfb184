package dev.crosspt.djl.t5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.api.backbone.Decoding.EarlyStopping;
import dev.crosspt.djl.TestFixtures;
import dev.crosspt.verify.ReferenceSet;
import dev.crosspt.verify.TensorValue;
import java.util.Arrays;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Beam search on the tiny T5 fixture, against greedy decoding and against enumerating every answer. */
class T5BeamSearchTest {

    @AutoClose
    private static T5Backbone backbone;

    private static ReferenceSet reference;

    @BeforeAll
    static void load() {
        backbone = T5Backbone.load(TestFixtures.fixture(TestFixtures.RELU));
        reference = ReferenceSet.load(TestFixtures.expected(TestFixtures.RELU));
    }

    private static NDArray longs(NDManager scope, TensorValue value) {
        return scope.create(value.longs(), new Shape(value.shape()));
    }

    private static NDArray prompt(NDManager scope) {
        TensorValue p = reference.get("prompt");
        return scope.create(p.floats(), new Shape(p.shape()));
    }

    /** Greedy output up to its first {@code </s>}: a row that stopped early is padded after it. */
    private static long[] unpadded(long[] row) {
        for (int i = 1; i < row.length; i++) {
            if (row[i] == backbone.config().eosTokenId()) {
                return Arrays.copyOf(row, i + 1);
            }
        }
        return row;
    }

    @Test
    void oneBeamIsTheBackbonesGreedyDecoding() {
        try (NDManager scope = backbone.newScope()) {
            NDArray ids = longs(scope, reference.get("input_ids"));
            NDArray mask = longs(scope, reference.get("attention_mask"));
            long[][] greedy = backbone.greedy(ids, mask, prompt(scope), 6);
            long[][] beam = T5BeamSearch.search(backbone, ids, mask, prompt(scope), Decoding.greedy(6));
            for (int i = 0; i < greedy.length; i++) {
                assertArrayEquals(unpadded(greedy[i]), beam[i], "row " + i);
            }
        }
    }

    @Test
    void aBatchDecodesAsEachInputAlone() {
        Decoding decoding = new Decoding(3, 0.7, EarlyStopping.FALSE, 5);
        try (NDManager scope = backbone.newScope()) {
            NDArray ids = longs(scope, reference.get("input_ids"));
            NDArray mask = longs(scope, reference.get("attention_mask"));
            long[][] both = T5BeamSearch.search(backbone, ids, mask, prompt(scope), decoding);
            for (int i = 0; i < 2; i++) {
                NDIndex row = new NDIndex("{}:{}", i, i + 1);
                long[][] alone = T5BeamSearch.search(backbone, ids.get(row), mask.get(row), prompt(scope), decoding);
                assertArrayEquals(alone[0], both[i], "row " + i);
            }
        }
    }

    /**
     * With two new tokens and as many beams as the vocabulary (500), beam search keeps every one-token prefix and
     * so must find the best of all answers: {@code </s>} alone, or any two tokens (ended by the budget or by
     * {@code </s>}), each scored as its summed log-probability over its length to the power of the penalty. The
     * enumeration scores them by teacher forcing, a different path through the model.
     */
    @Test
    void asManyBeamsAsTokensFindTheBestAnswerOfTwoTokens() {
        int vocab = backbone.config().vocabSize();
        long eos = backbone.config().eosTokenId();
        for (double penalty : new double[] {1.0}) {
            try (NDManager scope = backbone.newScope()) {
                NDArray ids = longs(scope, reference.get("input_ids"));
                NDArray mask = longs(scope, reference.get("attention_mask"));
                long[][] found = T5BeamSearch.search(backbone, ids, mask, prompt(scope),
                        new Decoding(vocab, penalty, EarlyStopping.NEVER, 2));
                for (int i = 0; i < 2; i++) {
                    NDIndex row = new NDIndex("{}:{}", i, i + 1);
                    // labels [a, 0] for every first token a: position 0 scores a, position 1 every second token
                    long[] labels = new long[vocab * 2];
                    for (int a = 0; a < vocab; a++) {
                        labels[2 * a] = a;
                    }
                    NDArray logits = backbone.logits(ids.get(row).repeat(0, vocab), mask.get(row).repeat(0, vocab),
                            prompt(scope), scope.create(labels, new Shape(vocab, 2)), false);
                    float[] logProbs = logits.logSoftmax(-1).toType(DataType.FLOAT32, false).toFloatArray();
                    double bestScore = logProbs[(int) eos]; // </s> alone: length 1
                    long[] best = {0, eos};
                    for (int a = 0; a < vocab; a++) {
                        if (a == eos) {
                            continue;
                        }
                        double first = logProbs[(2 * a) * vocab + a];
                        for (int b = 0; b < vocab; b++) {
                            double score = (first + logProbs[(2 * a + 1) * vocab + b]) / Math.pow(2, penalty);
                            if (score > bestScore) {
                                bestScore = score;
                                best = new long[] {0, a, b};
                            }
                        }
                    }
                    assertArrayEquals(best, found[i], "row " + i + ", length penalty " + penalty);
                }
            }
        }
    }

    @Test
    void answersEndWithEosOrUseTheWholeBudget() {
        try (NDManager scope = backbone.newScope()) {
            NDArray ids = longs(scope, reference.get("input_ids"));
            NDArray mask = longs(scope, reference.get("attention_mask"));
            long[][] out = T5BeamSearch.search(backbone, ids, mask, prompt(scope),
                    new Decoding(4, 1.0, EarlyStopping.NEVER, 6));
            for (long[] row : out) {
                assertEquals(0, row[0]);
                boolean ended = row[row.length - 1] == backbone.config().eosTokenId();
                assertEquals(true, ended || row.length == 7, Arrays.toString(row));
            }
        }
    }
}
