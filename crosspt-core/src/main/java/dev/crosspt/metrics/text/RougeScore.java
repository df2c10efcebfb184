package dev.crosspt.metrics.text;

/**
 * One ROUGE score of a prediction against a reference, as {@code rouge-score}'s {@code Score} tuple.
 *
 * @param precision matches over the prediction's n-grams (or tokens, for ROUGE-L), in [0, 1]
 * @param recall matches over the reference's n-grams, in [0, 1]
 * @param fmeasure their harmonic mean, 0 when both are 0
 */
public record RougeScore(double precision, double recall, double fmeasure) {

    /** The score of no match at all. */
    public static final RougeScore ZERO = new RougeScore(0, 0, 0);

    /** The score of {@code matches} shared units out of {@code predicted} and {@code reference} units. */
    static RougeScore of(int matches, int predicted, int reference) {
        double p = matches / (double) Math.max(predicted, 1);
        double r = matches / (double) Math.max(reference, 1);
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        return new RougeScore(p, r, f);
    }
}
