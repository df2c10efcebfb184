package dev.crosspt.data;

/** What a task's labels are. */
public enum TaskKind {
    /** One of a fixed set of labels. */
    CLASSIFICATION,
    /** A real number (STS-B's similarity from 0 to 5). */
    REGRESSION
}
