/**
 * Built-in source selectors: how each task's router logits become weights over its candidate prompts.
 *
 * <ul>
 *   <li>{@code softmax}: softmax with a fixed, {@code 1/M} or annealed temperature;
 *   <li>{@code topk}: softmax over the k largest logits of each row, zero elsewhere;
 *   <li>{@code relaxed-bernoulli}: the authors' training-time RelaxedBernoulli sample, normalised per row;
 *   <li>{@code learned-pruning}: softmax times a learned, sparsity-penalised gate per candidate (adaptive source
 *       selection, the paper's first open question).
 * </ul>
 *
 * <p>Every selector returns its weights in {@code context.scope()}, even when the logits are a long-lived
 * parameter: it computes on a view of the logits attached to the scope.
 */
package dev.crosspt.plugins.builtin.select;
