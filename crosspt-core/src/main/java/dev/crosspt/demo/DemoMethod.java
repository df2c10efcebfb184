package dev.crosspt.demo;

import dev.crosspt.train.TrainingSettings;

/**
 * One method the demo compares: a name for tables and the settings it trains with (the seed is set per run).
 *
 * @param name as tables show it, e.g. {@code SLP} or {@code SLP+pruning}
 * @param settings the training settings
 */
public record DemoMethod(String name, TrainingSettings settings) {}
