/**
 * Runs assembled from the parts: real datasets through the few-shot protocol into the trainer, with results
 * written as tables, plots and a manifest.
 */
package dev.crosspt.run;
