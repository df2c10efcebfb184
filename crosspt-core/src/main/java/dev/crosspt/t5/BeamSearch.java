package dev.crosspt.t5;

import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.api.backbone.Decoding.EarlyStopping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Beam search over any encoder-decoder, as transformers' {@code generate(num_beams=n)} runs it (its vectorised
 * {@code _beam_search}, without sampling or logits processors), on plain arrays so that every engine shares it.
 *
 * <p>Per input, {@code n} running beams start from the decoder start token (only the first one live). At each
 * step the next-token log-probabilities (log-softmax of the logits) are added to each beam's sum, and the best
 * {@code 2n} continuations over all beams are kept in order. Of those, the ones that end in {@code </s>} or reach
 * {@code maxNewTokens} are finished: one among the first {@code n} enters the input's {@code n} finished
 * hypotheses, scored by its sum divided by (tokens generated, {@code </s>} included) to the power of the length
 * penalty, if it beats the worst of them. The best {@code n} continuations that did not finish run on.
 * Decoding stops when no input can improve (see {@link EarlyStopping}), when every continuation finished, or
 * after {@code maxNewTokens}. Each input's result is its best finished hypothesis.
 */
public final class BeamSearch {

    /** transformers' stand-in for minus infinity, kept so that comparisons come out as they do there. */
    private static final double NEG = -1.0e9;

    /** The decoder, one step at a time. */
    @FunctionalInterface
    public interface NextTokenLogits {
        /**
         * The logits of the next token after each prefix.
         *
         * @param prefixes {@code batch * numBeams} decoder inputs of one length, input-major (the beams of
         *     input 0 first), each starting with the decoder start token
         * @return {@code [prefixes.length][vocab]} logits
         */
        float[][] next(long[][] prefixes);
    }

    private final Decoding decoding;
    private final long startId;
    private final long eosId;

    /**
     * A search.
     *
     * @param decoding beams, length penalty, early stopping and the token budget
     * @param startId the decoder start token
     * @param eosId {@code </s>}
     */
    public BeamSearch(Decoding decoding, long startId, long eosId) {
        this.decoding = decoding;
        this.startId = startId;
        this.eosId = eosId;
    }

    /** One continuation: its summed log-probability, the beam it extends and its token. */
    private record Candidate(double score, int beam, int token, boolean hit) {
    }

    /** A finished hypothesis. */
    private record Hypothesis(double score, long[] tokens) {
    }

    /**
     * Searches.
     *
     * @param batch the number of inputs
     * @param model the decoder
     * @return per input the start token followed by the best hypothesis' tokens ({@code </s>} included when it
     *     ended that way)
     */
    public long[][] search(int batch, NextTokenLogits model) {
        int beams = decoding.numBeams();
        int keep = 2 * beams;
        int maxLength = 1 + decoding.maxNewTokens();
        double penalty = decoding.lengthPenalty();
        long[][][] running = new long[batch][beams][];
        double[][] runningScores = new double[batch][beams];
        List<List<Hypothesis>> finished = new ArrayList<>();
        boolean[] improvable = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < beams; k++) {
                running[b][k] = new long[] {startId};
                runningScores[b][k] = k == 0 ? 0.0 : NEG;
            }
            finished.add(new ArrayList<>());
            improvable[b] = true;
        }
        int length = 1;
        while (true) {
            long[][] prefixes = new long[batch * beams][];
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < beams; k++) {
                    prefixes[b * beams + k] = running[b][k];
                }
            }
            float[][] logits = model.next(prefixes);
            boolean everyContinuationHit = true;
            for (int b = 0; b < batch; b++) {
                List<Candidate> top = topContinuations(logits, b, runningScores[b], keep, length + 1 >= maxLength);
                everyContinuationHit &= top.stream().allMatch(Candidate::hit);
                List<Hypothesis> done = finished.get(b);
                boolean full = done.size() == beams;
                if (improvable[b] && !(full && decoding.earlyStopping() == EarlyStopping.TRUE)) {
                    for (int j = 0; j < beams && j < top.size(); j++) {
                        Candidate c = top.get(j);
                        if (c.hit()) {
                            // generated tokens so far plus this one
                            offer(done, new Hypothesis(c.score() / Math.pow(length, penalty),
                                    append(running[b][c.beam()], c.token())), beams);
                        }
                    }
                }
                // the best continuations that did not finish run on (finished ones only fill up a short list)
                List<Candidate> next = new ArrayList<>(top);
                next.sort(Comparator.comparingDouble((Candidate c) -> c.score() + (c.hit() ? NEG : 0)).reversed());
                long[][] nextRunning = new long[beams][];
                for (int k = 0; k < beams; k++) {
                    Candidate c = next.get(k);
                    nextRunning[k] = append(running[b][c.beam()], c.token());
                    runningScores[b][k] = c.score() + (c.hit() ? NEG : 0);
                }
                running[b] = nextRunning;
            }
            length++;
            boolean anyImprovable = false;
            boolean allFull = true;
            for (int b = 0; b < batch; b++) {
                improvable[b] &= canImprove(finished.get(b), runningScores[b][0], length, maxLength, beams);
                anyImprovable |= improvable[b];
                allFull &= finished.get(b).size() == beams;
            }
            boolean openBeam = !(allFull && decoding.earlyStopping() == EarlyStopping.TRUE);
            if (!(anyImprovable && openBeam && !everyContinuationHit)) {
                break;
            }
        }
        long[][] out = new long[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = finished.get(b).get(0).tokens();
        }
        return out;
    }

    /** The best {@code keep} continuations of one input's beams, best first (ties: lower beam, then token). */
    private List<Candidate> topContinuations(float[][] logits, int b, double[] scores, int keep, boolean atMax) {
        int beams = scores.length;
        int vocab = logits[b * beams].length;
        double[] all = new double[beams * vocab];
        for (int k = 0; k < beams; k++) {
            double[] logProbs = logSoftmax(logits[b * beams + k]);
            for (int v = 0; v < vocab; v++) {
                all[k * vocab + v] = logProbs[v] + scores[k];
            }
        }
        // a bounded heap of the best indices seen so far, its worst on top
        Comparator<Integer> better = (x, y) -> all[x] != all[y] ? Double.compare(all[x], all[y]) : Integer.compare(y, x);
        PriorityQueue<Integer> heap = new PriorityQueue<>(keep + 1, better);
        for (int i = 0; i < all.length; i++) {
            if (heap.size() < keep) {
                heap.add(i);
            } else if (better.compare(i, heap.peek()) > 0) {
                heap.poll();
                heap.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(heap);
        order.sort(better.reversed());
        List<Candidate> top = new ArrayList<>(order.size());
        for (int i : order) {
            int token = i % vocab;
            top.add(new Candidate(all[i], i / vocab, token, atMax || token == eosId));
        }
        return top;
    }

    /** Keeps the best {@code beams} hypotheses, best first. */
    private static void offer(List<Hypothesis> done, Hypothesis h, int beams) {
        done.add(h);
        done.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        if (done.size() > beams) {
            done.remove(done.size() - 1);
        }
    }

    /** transformers' early-stop heuristic: can the best running beam still beat the worst finished one? */
    private boolean canImprove(List<Hypothesis> done, double bestRunning, int length, int maxLength, int beams) {
        int bestLength = decoding.earlyStopping() == EarlyStopping.NEVER && decoding.lengthPenalty() > 0
                ? maxLength - 1 : length - 1;
        double best = bestRunning / Math.pow(bestLength, decoding.lengthPenalty());
        // with a free slot among the finished hypotheses, the worst of them counts as minus infinity
        double worst = done.size() < beams ? NEG : done.get(done.size() - 1).score();
        return best > worst;
    }

    /** Log-softmax in double precision. */
    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - log;
        }
        return out;
    }

    private static long[] append(long[] prefix, long token) {
        long[] out = Arrays.copyOf(prefix, prefix.length + 1);
        out[prefix.length] = token;
        return out;
    }
}
