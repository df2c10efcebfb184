package dev.crosspt.run;

import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskData;
import dev.crosspt.data.format.Verbalizer;
import dev.crosspt.data.protocol.Splits;

/**
 * A task ready to train: its raw data, the carved splits, the verbalizer that turns labels into target words
 * (and back), and the text-to-text examples.
 *
 * @param raw the task as read from its files
 * @param splits the few-shot train, dev and test records
 * @param verbalizer labels to target text and back
 * @param data the formatted examples the trainer sees
 */
public record PreparedTask(RawTask raw, Splits splits, Verbalizer verbalizer, TaskData data) {}
