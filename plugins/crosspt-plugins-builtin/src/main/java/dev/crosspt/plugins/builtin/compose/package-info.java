/**
 * Built-in prompt composers: how each task's prompt is built from the weighted candidates (the M source prompts,
 * then the task's private prompt).
 *
 * <ul>
 *   <li>{@code weighted-sum} (the paper's {@code wavg}): {@code P_t = sum_k w_tk C_k}, length L;
 *   <li>{@code concat} (the paper's {@code cat}): the weighted candidates side by side, length K * L.
 * </ul>
 *
 * <p>The composer API has no scope argument, so results are computed from the weights (the selector returns them
 * in the step's scope) and temporaries derived from the prompts are attached to the weights' manager.
 */
package dev.crosspt.plugins.builtin.compose;
