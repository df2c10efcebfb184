/**
 * Built-in source selectors: how each task's router logits become weights over its candidate prompts.
 *
 * <ul>
 *   <li>{@code softmax}: softmax with a fixed or {@code tau0/M} temperature (M source prompts), optionally
 *       annealed;
 *   <li>{@code topk}: softmax over the k largest logits of each row, zero elsewhere ({@code k: 1} is the hard
 *       top-1 selector);
 *   <li>{@code relaxed-bernoulli}: the authors' training-time RelaxedBernoulli sample, normalised per row;
 *   <li>{@code learned-pruning}: softmax times a learned, sparsity-penalised gate per candidate (adaptive source
 *       selection, the paper's first open question).
 * </ul>
 *
 * <p>Every selector returns its weights in {@code context.scope()}, even when the logits are a long-lived
 * parameter: it computes on a view of the logits attached to the scope.
 */
package dev.crosspt.plugins.builtin.select;
