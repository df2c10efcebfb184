/**
 * Text-to-text formatting of raw task records: a {@link dev.crosspt.data.format.Verbalizer} turns raw labels
 * into target words and generated text back into labels, a {@link dev.crosspt.data.format.TaskFormatter}
 * writes the input text in T5's GLUE style ({@code rte sentence1: ... sentence2: ...}), and
 * {@link dev.crosspt.data.format.Formatting} makes a {@link dev.crosspt.data.TaskData} of chosen records.
 */
package dev.crosspt.data.format;
