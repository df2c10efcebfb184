/**
 * Evaluation metrics as the GLUE and SuperGLUE papers report them, computed on raw label strings: {@link
 * dev.crosspt.metrics.Metric} and its implementations (accuracy, binary and macro F1, Matthews correlation,
 * Pearson and Spearman correlation), the metrics of each task in the papers' order ({@link
 * dev.crosspt.metrics.Metrics#forTask(String)}), a task's primary score, and the benchmark averages ({@link
 * dev.crosspt.metrics.BenchmarkAverage}).
 *
 * <p>Every value is a fraction (accuracy and F1 in [0, 1], correlations in [-1, 1]); tables multiply by 100.
 */
package dev.crosspt.metrics;
