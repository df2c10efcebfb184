/**
 * The few-shot evaluation protocol of the ATTEMPT / DePT line, which CrossPT follows: how a task's distributed
 * splits become a k-shot training set, a dev set for model selection and a test set ({@link
 * dev.crosspt.data.protocol.FewShotProtocol}), and the split files that let every run reuse the same carving
 * ({@link dev.crosspt.data.protocol.SplitFiles}).
 */
package dev.crosspt.data.protocol;
