package dev.crosspt.data.protocol;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawTask;

/**
 * The few-shot protocol of the ATTEMPT / DePT line, which CrossPT follows. {@link #carve(RawTask)} turns a task's
 * distributed splits into a k-shot training set, a dev set and a test set:
 *
 * <ol>
 *   <li>Only labelled examples take part: an example without a label (GLUE's test files) is never sampled.</li>
 *   <li>A task is <em>large</em> when it has at least {@value #LARGE_THRESHOLD} labelled training examples
 *       (SST-2, QQP, QNLI, MNLI) and <em>small</em> otherwise (CoLA, MRPC, RTE, STS-B, WNLI, CB, COPA, WiC,
 *       BoolQ with its 9,427).</li>
 *   <li>Small task: the official {@code validation} split is shuffled with the seed and halved; the first half
 *       ({@code floor(n / 2)}) is dev, the rest is test. The training pool is the whole {@code train} split.</li>
 *   <li>Large task: {@value #LARGE_DEV_SIZE} training examples, drawn with the seed, are held out as dev; the
 *       official {@code validation} split, in file order, is test. The training pool is the rest of
 *       {@code train}.</li>
 *   <li>MNLI (a task named {@code mnli}, or any task with a {@code validation_matched} split):
 *       {@code validation_mismatched} is dev and {@code validation_matched} is test, both in file order; the
 *       training pool is the whole {@code train} split.</li>
 *   <li>{@link #devSize()}, when not 0, replaces the rule's dev size: that many training examples are held out
 *       (large), or dev is the first {@code devSize} of the shuffled validation split and test the rest (small),
 *       or dev is the first {@code devSize} of the shuffled mismatched split (MNLI).</li>
 *   <li>The k training examples come from the pool. Classification is balanced by label: with
 *       {@link #perLabel()} k examples of every label; otherwise k in total, {@code floor(k / L)} of each of the
 *       L labels and one more for the first {@code k mod L} labels in the task's label order, and when a label
 *       has too few examples its shortfall is spread over the others the same way. Regression (STS-B) draws k
 *       uniformly from the pool, {@code perLabel} having no meaning there.</li>
 *   <li>Each label's examples are drawn in an order shuffled by a stream of their own, so the dev and test sets
 *       never depend on k, and for one seed a smaller k draws a subset of a larger k's examples.</li>
 *   <li>The training set is shuffled at the end, so that its order carries no label pattern. No example is in
 *       two splits.</li>
 * </ol>
 *
 * <p>Every random draw uses a stream derived from the seed, the task's name and the draw's purpose (see the
 * package's {@code Seeds}); the authors use data seed {@value #DEFAULT_SEED}.
 *
 * @param k the number of shots: per label with {@code perLabel}, in total otherwise
 * @param perLabel whether k counts per label (true) or in total (false); ignored for regression
 * @param seed the data seed
 * @param devSize the dev set's size, or {@value #RULE_DEV_SIZE} for the rule's (half the validation split for
 *     small tasks, {@value #LARGE_DEV_SIZE} held-out training examples for large ones, all of
 *     {@code validation_mismatched} for MNLI)
 */
public record FewShotProtocol(int k, boolean perLabel, long seed, int devSize) {

    /** The data seed the authors use. */
    public static final long DEFAULT_SEED = 123;

    /** Tasks with at least this many labelled training examples are large. */
    public static final int LARGE_THRESHOLD = 10_000;

    /** Training examples a large task holds out as dev. */
    public static final int LARGE_DEV_SIZE = 1_000;

    /** The {@link #devSize()} that means: as the rule says. */
    public static final int RULE_DEV_SIZE = 0;

    /** Rejects k below 1 and a negative dev size. */
    public FewShotProtocol {
        if (k < 1) {
            throw new InvalidInputException("few-shot protocol: k (shots) must be at least 1, got " + k);
        }
        if (devSize < 0) {
            throw new InvalidInputException("few-shot protocol: devSize must be 0 (the rule's) or positive, got "
                    + devSize);
        }
    }

    /**
     * A builder; k is required, the rest defaults to per-label shots, seed {@value #DEFAULT_SEED} and the rule's
     * dev size.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Carves a task's splits by the rules in this class's description.
     *
     * @param task the task as read from its files
     * @return the training, dev and test sets
     * @throws InvalidInputException naming the task and the split when a split the rule needs has no labelled
     *     examples, when the dev size leaves nothing for test or for training, or when the pool has too few
     *     examples of a label for k shots
     */
    public Splits carve(RawTask task) {
        Carving.Carved carved = Carving.carve(task, this);
        ShotSampler.Drawn drawn = ShotSampler.draw(task, this, carved.pool(), carved.poolDescription());
        return new Splits(drawn.train(), carved.dev(), carved.test(),
                carved.description() + "; train: " + drawn.description(), this);
    }

    /** Builds a {@link FewShotProtocol}: {@code setK} is required, {@code opt*} are optional. */
    public static final class Builder {
        private Integer k;
        private boolean perLabel = true;
        private long seed = DEFAULT_SEED;
        private int devSize = RULE_DEV_SIZE;

        private Builder() {
        }

        /**
         * @param shots the number of shots, per label or in total
         * @return this builder
         */
        public Builder setK(int shots) {
            this.k = shots;
            return this;
        }

        /**
         * @param value true (default): k per label; false: k in total, balanced by label
         * @return this builder
         */
        public Builder optPerLabel(boolean value) {
            this.perLabel = value;
            return this;
        }

        /**
         * @param value the data seed (default {@value FewShotProtocol#DEFAULT_SEED})
         * @return this builder
         */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param value the dev set's size, or {@value FewShotProtocol#RULE_DEV_SIZE} (default) for the rule's
         * @return this builder
         */
        public Builder optDevSize(int value) {
            this.devSize = value;
            return this;
        }

        /**
         * @return the validated protocol
         * @throws InvalidInputException if k was not set or a value is out of range
         */
        public FewShotProtocol build() {
            if (k == null) {
                throw new InvalidInputException("few-shot protocol: k (shots) must be set");
            }
            return new FewShotProtocol(k, perLabel, seed, devSize);
        }
    }
}
