/**
 * Reporting for experiments, engine-free: result tables with seed statistics ({@link
 * dev.crosspt.report.ResultsTable}), paste-ready Markdown and console tables, PNG figures ({@link
 * dev.crosspt.report.Plots}), router-weight files, and the run manifest that records what produced a result
 * ({@link dev.crosspt.report.RunManifest}). Every file is written atomically through {@link
 * dev.crosspt.report.AtomicFiles}, so an interrupted run never leaves a half-written report behind.
 */
package dev.crosspt.report;
