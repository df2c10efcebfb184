package dev.crosspt.metrics;

import java.util.List;

/**
 * A score of predictions against gold labels, both as the raw strings a task's files and the model's decoder
 * produce: label words or numbers ({@code "1"}, {@code "entailment"}, {@code "3.8"}).
 *
 * <p>Every implementation checks its input the same way: both lists present, of equal size and not empty, no
 * gold label missing; otherwise it throws {@link dev.crosspt.api.InvalidInputException} naming the metric and
 * the sizes or the index. Strings are compared after stripping surrounding whitespace. A prediction that is not
 * one of the task's labels is simply wrong; how a regression metric scores a prediction that is not a number is
 * documented on {@link Pearson}.
 */
public interface Metric {

    /**
     * The metric's stable short name, used as the key in result tables: {@code accuracy}, {@code f1},
     * {@code f1_macro}, {@code matthews}, {@code pearson}, {@code spearman}.
     *
     * @return the name
     */
    String name();

    /**
     * Scores predictions.
     *
     * @param gold the gold labels, one per example
     * @param predicted the predictions, in the same order; a null entry counts as a wrong answer
     * @return the score: a fraction in [0, 1] or a correlation in [-1, 1]
     * @throws dev.crosspt.api.InvalidInputException if the lists differ in size, are empty, or a gold label is
     *     missing or unusable (for example not a number for a regression metric)
     */
    double compute(List<String> gold, List<String> predicted);
}
