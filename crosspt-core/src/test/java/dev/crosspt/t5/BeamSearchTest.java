package dev.crosspt.t5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.api.backbone.Decoding.EarlyStopping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Beam search on made-up decoders whose every answer can be enumerated. */
class BeamSearchTest {

    private static final int START = 0;
    private static final int EOS = 1;
    private static final int A = 2;
    private static final int B = 3;

    /** A decoder given by the probabilities of the next token after each prefix (the logits are their logs). */
    private static BeamSearch.NextTokenLogits table(int beams) {
        return prefixes -> {
            float[][] out = new float[prefixes.length][];
            for (int r = 0; r < prefixes.length; r++) {
                long[] p = prefixes[r];
                double[] probs;
                if (p.length == 1) {
                    probs = new double[] {0.1, 0.1, 0.45, 0.35};
                } else if (p.length == 2 && p[1] == A) {
                    probs = new double[] {0.2, 0.3, 0.25, 0.25};
                } else if (p.length == 2 && p[1] == B) {
                    probs = new double[] {0.05, 0.85, 0.05, 0.05};
                } else {
                    probs = new double[] {0.25, 0.25, 0.25, 0.25};
                }
                out[r] = new float[4];
                for (int v = 0; v < 4; v++) {
                    out[r][v] = (float) Math.log(probs[v]);
                }
            }
            return out;
        };
    }

    /**
     * Checked by hand: greedy takes A (0.45) and then </s> (0.3), 0.135 in all; two beams also keep B (0.35),
     * whose </s> (0.85) gives 0.2975, the better score (log 0.2975 / 2 = -0.61 against log 0.135 / 2 = -1.00).
     */
    @Test
    void twoBeamsFindWhatGreedyMisses() {
        BeamSearch greedy = new BeamSearch(new Decoding(1, 1.0, EarlyStopping.FALSE, 2), START, EOS);
        assertArrayEquals(new long[] {START, A, EOS}, greedy.search(1, table(1))[0]);
        BeamSearch beams = new BeamSearch(new Decoding(2, 1.0, EarlyStopping.FALSE, 2), START, EOS);
        assertArrayEquals(new long[] {START, B, EOS}, beams.search(1, table(2))[0]);
        // a strong preference for short outputs: </s> alone (0.1, length 1) beats both two-token answers
        BeamSearch shortest = new BeamSearch(new Decoding(2, -3.0, EarlyStopping.FALSE, 2), START, EOS);
        // log 0.1 / 1^-3 = -2.30; log 0.2975 / 2^-3 = -9.70
        assertArrayEquals(new long[] {START, B, EOS}, shortest.search(1, table(2))[0],
                "</s> alone is rank 3 of 4 at the first step, so two beams never finish it");
        BeamSearch wide = new BeamSearch(new Decoding(4, -3.0, EarlyStopping.NEVER, 2), START, EOS);
        assertArrayEquals(new long[] {START, EOS}, wide.search(1, table(4))[0]);
    }

    /** A random decoder over a 5-token vocabulary, different for each input (row / beams). */
    private static BeamSearch.NextTokenLogits random(long seed, int beams) {
        return prefixes -> {
            float[][] out = new float[prefixes.length][5];
            for (int r = 0; r < prefixes.length; r++) {
                Random rnd = new Random(seed * 1_000_003L + (r / beams) * 7919L + Arrays.hashCode(prefixes[r]));
                for (int v = 0; v < 5; v++) {
                    out[r][v] = (float) (rnd.nextGaussian() * 2);
                }
            }
            return out;
        };
    }

    /** Every answer of up to {@code max} tokens: ended by </s>, or cut at {@code max}; the best by penalised score. */
    private static long[] bruteForce(BeamSearch.NextTokenLogits model, int input, int beams, int max, double penalty) {
        long[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        List<long[]> frontier = new ArrayList<>(List.of(new long[] {START}));
        List<Double> sums = new ArrayList<>(List.of(0.0));
        for (int length = 1; length <= max; length++) {
            List<long[]> nextFrontier = new ArrayList<>();
            List<Double> nextSums = new ArrayList<>();
            for (int i = 0; i < frontier.size(); i++) {
                long[][] rows = new long[(input + 1) * beams][];
                Arrays.fill(rows, frontier.get(i));
                double[] logProbs = BeamSearch.logSoftmax(model.next(rows)[input * beams]);
                for (int v = 0; v < logProbs.length; v++) {
                    long[] seq = Arrays.copyOf(frontier.get(i), length + 1);
                    seq[length] = v;
                    double sum = sums.get(i) + logProbs[v];
                    if (v == EOS || length == max) {
                        double score = sum / Math.pow(length, penalty);
                        if (score > bestScore) {
                            bestScore = score;
                            best = seq;
                        }
                    } else {
                        nextFrontier.add(seq);
                        nextSums.add(sum);
                    }
                }
            }
            frontier = nextFrontier;
            sums = nextSums;
        }
        return best;
    }

    /**
     * With as many beams as there are unfinished prefixes one step before the budget runs out (4^2 of 3 new
     * tokens over a 5-token vocabulary with </s>), and early stopping "never", beam search is exhaustive: it
     * must find the enumeration's best answer, for every input of a batch.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.0, 2.0, -1.0})
    void exhaustiveBeamsFindTheBestAnswer(double penalty) {
        int beams = 16;
        for (long seed = 1; seed <= 20; seed++) {
            BeamSearch.NextTokenLogits model = random(seed, beams);
            long[][] found = new BeamSearch(new Decoding(beams, penalty, EarlyStopping.NEVER, 3), START, EOS)
                    .search(3, model);
            for (int input = 0; input < 3; input++) {
                assertArrayEquals(bruteForce(model, input, beams, 3, penalty), found[input],
                        "seed " + seed + ", input " + input + ", length penalty " + penalty);
            }
        }
    }

    /** One beam is greedy decoding: the most likely token each step, until </s> or the budget. */
    @Test
    void oneBeamIsGreedy() {
        for (long seed = 1; seed <= 20; seed++) {
            BeamSearch.NextTokenLogits model = random(seed, 1);
            long[][] found = new BeamSearch(Decoding.greedy(4), START, EOS).search(2, model);
            for (int input = 0; input < 2; input++) {
                List<Long> greedy = new ArrayList<>(List.of((long) START));
                while (greedy.size() < 5 && greedy.get(greedy.size() - 1) != EOS || greedy.size() == 1) {
                    long[] prefix = greedy.stream().mapToLong(Long::longValue).toArray();
                    long[][] rows = new long[input + 1][];
                    Arrays.fill(rows, prefix);
                    float[] logits = model.next(rows)[input];
                    int best = 0;
                    for (int v = 1; v < logits.length; v++) {
                        best = logits[v] > logits[best] ? v : best;
                    }
                    greedy.add((long) best);
                }
                assertEquals(greedy, Arrays.stream(found[input]).boxed().toList(), "seed " + seed);
            }
        }
    }
}
