/**
 * What every T5 engine shares and that needs no tensors: the tokenizer and padding, relative-position buckets,
 * and the facts every T5 backbone adapter reports and draws alike.
 */
package dev.crosspt.t5;
