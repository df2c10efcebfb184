/**
 * Built-in learning-rate schedules, each a multiplier on a parameter group's base rate:
 *
 * <ul>
 *   <li>{@code constant}: 1 throughout;
 *   <li>{@code linear-warmup}: linear rise over the warm-up, then linear decay to 0 (Hugging Face's
 *       {@code get_linear_schedule_with_warmup}, which the authors use);
 *   <li>{@code cosine}: optional linear warm-up, then a half cosine down to a floor.
 * </ul>
 *
 * <p>Warm-up is given as a fraction of the run ({@code warmup}) or as a step count ({@code warmup-steps}).
 */
package dev.crosspt.plugins.builtin.schedule;
