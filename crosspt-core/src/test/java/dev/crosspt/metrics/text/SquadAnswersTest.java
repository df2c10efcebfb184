package dev.crosspt.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SquadAnswersTest {

    private static final double EPS = 1e-12;

    @Test
    void normalizesAsTheOfficialScript() {
        assertEquals("eiffel tower", SquadAnswers.normalize("The  Eiffel Tower."));
        assertEquals("us dont", SquadAnswers.normalize("U.S. don't"));
        // articles go only as whole words
        assertEquals("theater anthem", SquadAnswers.normalize("the theater, an anthem"));
        // punctuation goes before articles are found: "a-b" becomes "ab"; no-break space collapses too
        assertEquals("ab c", SquadAnswers.normalize("a-b\u00a0A c"));
        assertEquals("", SquadAnswers.normalize(" The "));
    }

    @Test
    void exactMatchIgnoresCasePunctuationAndArticles() {
        assertEquals(1.0, SquadAnswers.exactMatch("the Eiffel tower!", "Eiffel Tower"));
        assertEquals(1.0, SquadAnswers.exactMatch("an apple", "Apple"));
        assertEquals(0.0, SquadAnswers.exactMatch("apples", "apple"));
    }

    @Test
    void f1CountsSharedTokens() {
        // "big red fox" against "red fox jumps": 2 shared of 3 and 3
        assertEquals(2 / 3.0, SquadAnswers.f1("the big red fox", "a red fox jumps"), EPS);
        // each token counts at most as often as in either answer
        assertEquals(2 / 3.0, SquadAnswers.f1("cat cat dog", "cat dog dog"), EPS);
        assertEquals(1.0, SquadAnswers.f1("Denver Broncos", "the denver broncos"), EPS);
        // precision 1/1, recall 1/4: F1 = 0.4
        assertEquals(0.4, SquadAnswers.f1("Broncos", "the Denver Broncos of Colorado"), EPS);
    }

    @Test
    void takesTheBestOverSeveralGoldAnswers() {
        List<String> golds = List.of("Denver Broncos", "Broncos", "the Broncos team");
        assertEquals(1.0, SquadAnswers.bestExactMatch("broncos", golds));
        assertEquals(1.0, SquadAnswers.bestF1("broncos", golds), EPS);
        assertEquals(0.0, SquadAnswers.bestExactMatch("Denver", golds));
        assertEquals(2 / 3.0, SquadAnswers.bestF1("Denver", golds), EPS);
        assertThrows(IllegalArgumentException.class, () -> SquadAnswers.bestF1("x", List.of()));
    }

    @Test
    void emptyPredictionsScoreZeroUnlessTheGoldIsEmptyToo() {
        assertEquals(0.0, SquadAnswers.exactMatch("", "Broncos"));
        assertEquals(0.0, SquadAnswers.f1("", "Broncos"), EPS);
        // as in the script: two answers that normalise to nothing match exactly, yet share no token for F1
        assertEquals(1.0, SquadAnswers.exactMatch("", "The"));
        assertEquals(0.0, SquadAnswers.f1("", "The"), EPS);
    }
}
