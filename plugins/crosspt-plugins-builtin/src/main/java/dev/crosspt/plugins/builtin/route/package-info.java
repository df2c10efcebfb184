/**
 * Built-in routers: what produces the logits a selector turns into each task's weights over its candidates.
 *
 * <ul>
 *   <li>{@code table}: a free logit per task and candidate, zero at the start (the default);
 *   <li>{@code linear}: a learned task query times a learned matrix times a key per candidate, the keys the
 *       encoded candidate prompts averaged over their length;
 *   <li>{@code mlp}: a task query times a two-layer network of each key;
 *   <li>{@code instance}: ATTEMPT-style, a query per example from its input (pooled token embeddings, or the
 *       prompt-free encoder output), projected and attended over the keys; the trainer composes one prompt per
 *       example.
 * </ul>
 */
package dev.crosspt.plugins.builtin.route;
