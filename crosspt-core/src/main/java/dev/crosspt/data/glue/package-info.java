/**
 * Readers for task datasets as they are distributed: the GLUE download ({@link dev.crosspt.data.glue.GlueReader}:
 * one directory of TSV files per task), the SuperGLUE download ({@link dev.crosspt.data.glue.SuperGlueReader}:
 * JSON lines), and a user's own task described by a small {@code task.json} spec
 * ({@link dev.crosspt.data.glue.SpecTaskReader}). {@link dev.crosspt.data.glue.DatasetReader} tells them apart.
 *
 * <p>Every reader returns a {@link dev.crosspt.data.RawTask} whose labels are checked against the task's label
 * set. Bad input is an {@link dev.crosspt.api.InvalidInputException} naming the file, the line and what was
 * expected; the few irregularities the real datasets are known to contain (QQP rows with missing fields, MNLI
 * rows without a gold label) are skipped and counted in {@link dev.crosspt.data.RawTask#skipped()}, never
 * dropped silently.
 */
package dev.crosspt.data.glue;
