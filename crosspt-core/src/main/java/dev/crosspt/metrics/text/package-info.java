/**
 * Metrics of generated text, reproducing the reference tools users compare against: SQuAD exact match and F1 as
 * the official v1.1 evaluation script computes them ({@link dev.crosspt.metrics.text.SquadAnswers}), and
 * ROUGE-1, ROUGE-2 and ROUGE-L as Google's {@code rouge-score} computes them ({@link
 * dev.crosspt.metrics.text.Rouge}, with NLTK's Porter stemmer as {@link dev.crosspt.metrics.text.PorterStemmer}).
 */
package dev.crosspt.metrics.text;
