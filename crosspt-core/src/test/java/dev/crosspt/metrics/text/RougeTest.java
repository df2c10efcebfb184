package dev.crosspt.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RougeTest {

    private static final double EPS = 1e-12;

    @Test
    void tokenizesAsRougeScore() {
        RougeTokenizer plain = new RougeTokenizer(false);
        assertEquals(List.of("hello", "world", "it", "s", "2024"), plain.tokenize("Hello, World! It's 2024"));
        // letters outside a-z split tokens; nothing but separators gives no tokens
        assertEquals(List.of("caf", "cr", "me"), plain.tokenize("Café crème"));
        assertEquals(List.of(), plain.tokenize(" ... "));
        assertEquals(List.of(), plain.tokenize(""));
    }

    @Test
    void stemsOnlyTokensLongerThanThreeCharacters() {
        RougeTokenizer stemming = new RougeTokenizer(true);
        // "was" stays (3 characters), "this" becomes "thi", "cats" becomes "cat"
        assertEquals(List.of("was", "thi", "cat", "run"), stemming.tokenize("was this cats running"));
    }

    /** The example of rouge-score's README, checked by hand. */
    @Test
    void scoresTheReadmeExample() {
        Rouge.Scores s = new Rouge(false).score("The quick brown fox jumps over the lazy dog",
                "The quick brown dog jumps on the log.");
        // 9 reference tokens, 8 predicted; shared: the x2, quick, brown, dog, jumps
        assertEquals(6 / 8.0, s.rouge1().precision(), EPS);
        assertEquals(6 / 9.0, s.rouge1().recall(), EPS);
        assertEquals(0.7058823529411765, s.rouge1().fmeasure(), EPS);
        // bigrams: 8 and 7, shared "the quick", "quick brown"
        assertEquals(2 / 7.0, s.rouge2().precision(), EPS);
        assertEquals(2 / 8.0, s.rouge2().recall(), EPS);
        assertEquals(4 / 15.0, s.rouge2().fmeasure(), EPS);
        // longest common subsequence: the quick brown jumps the
        assertEquals(5 / 8.0, s.rougeL().precision(), EPS);
        assertEquals(5 / 9.0, s.rougeL().recall(), EPS);
        assertEquals(0.5882352941176471, s.rougeL().fmeasure(), EPS);
    }

    @Test
    void stemmingMakesInflectionsMatch() {
        Rouge.Scores plain = new Rouge(false).score("the cat runs", "running cats");
        assertEquals(0.0, plain.rouge1().fmeasure(), EPS);
        Rouge.Scores stemmed = new Rouge(true).score("the cat runs", "running cats");
        // prediction [run, cat], reference [the, cat, run]: P = 1, R = 2/3
        assertEquals(0.8, stemmed.rouge1().fmeasure(), EPS);
        assertEquals(0.0, stemmed.rouge2().fmeasure(), EPS);
        // LCS of [the, cat, run] and [run, cat] is 1: P = 1/2, R = 1/3
        assertEquals(0.4, stemmed.rougeL().fmeasure(), EPS);
    }

    @Test
    void repeatedNgramsCountAtMostAsOftenAsInEitherText() {
        Rouge.Scores s = new Rouge(false).score("a a b", "a a a a");
        assertEquals(2 / 4.0, s.rouge1().precision(), EPS);
        assertEquals(2 / 3.0, s.rouge1().recall(), EPS);
        // bigrams: reference [a a, a b], prediction [a a] x3: one shared
        assertEquals(1 / 3.0, s.rouge2().precision(), EPS);
        assertEquals(1 / 2.0, s.rouge2().recall(), EPS);
    }

    @Test
    void emptyTextsScoreZero() {
        Rouge rouge = new Rouge(false);
        assertEquals(new Rouge.Scores(RougeScore.ZERO, RougeScore.ZERO, RougeScore.ZERO), rouge.score("", ""));
        assertEquals(0.0, rouge.score("some words", "").rougeL().fmeasure(), EPS);
        assertEquals(0.0, rouge.score("", "some words").rouge1().fmeasure(), EPS);
        // one token: no bigram on either side
        assertEquals(0.0, rouge.score("word", "word").rouge2().fmeasure(), EPS);
        assertEquals(1.0, rouge.score("word", "word").rouge1().fmeasure(), EPS);
    }
}
