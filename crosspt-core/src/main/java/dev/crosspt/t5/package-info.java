/** T5 arithmetic that every engine shares and that needs no tensors (relative-position buckets). */
package dev.crosspt.t5;
