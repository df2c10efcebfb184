package dev.crosspt.data;

/** What a task's labels are. */
public enum TaskKind {
    /** One of a fixed set of labels. */
    CLASSIFICATION,
    /** A real number (STS-B's similarity from 0 to 5). */
    REGRESSION,
    /**
     * Free text answering a question (SQuAD, MRQA), possibly with several gold answers; scored with SQuAD's exact
     * match and F1, the best over the gold answers.
     */
    ANSWER,
    /** Free text summarising the input (CNN/DailyMail, XSum); scored with ROUGE-1, ROUGE-2 and ROUGE-L. */
    SUMMARY;

    /** Whether the model generates the target text freely instead of choosing among labels or writing a number. */
    public boolean generative() {
        return this == ANSWER || this == SUMMARY;
    }
}
