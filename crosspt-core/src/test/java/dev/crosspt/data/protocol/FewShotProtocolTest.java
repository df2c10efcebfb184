package dev.crosspt.data.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FewShotProtocolTest {

    private static final List<String> AB = List.of("a", "b");

    private static RawTask small() {
        return Tasks.classification("rte", AB,
                "train", Tasks.rows("train", 30, AB),
                "validation", Tasks.concat(Tasks.rows("validation", 20, AB), Tasks.unlabelled("validation", 3)),
                "test", Tasks.unlabelled("test", 10));
    }

    private static FewShotProtocol k(int k) {
        return FewShotProtocol.builder().setK(k).build();
    }

    @Test
    void smallTaskHalvesTheValidationSplit() {
        RawTask task = small();
        Splits s = k(4).carve(task);
        assertEquals(10, s.dev().size());
        assertEquals(10, s.test().size());
        assertEquals(8, s.train().size());
        assertEquals(Map.of("a", 4, "b", 4), counts(s.train()));
        assertTrue(disjoint(s.dev(), s.test()) && disjoint(s.train(), s.dev()) && disjoint(s.train(), s.test()));
        Set<RawExample> devAndTest = new HashSet<>(s.dev());
        devAndTest.addAll(s.test());
        assertEquals(new HashSet<>(task.split("validation").subList(0, 20)), devAndTest);
        assertTrue(task.split("train").containsAll(s.train()));
        assertTrue(s.ruleDescription().startsWith("small task (30 labelled"), s.ruleDescription());
        assertEquals(123, s.protocol().seed());
    }

    @Test
    void aSeedDeterminesTheSplits() {
        RawTask task = small();
        Splits first = k(4).carve(task);
        assertEquals(first, k(4).carve(task));
        Splits other = FewShotProtocol.builder().setK(4).optSeed(7).build().carve(task);
        assertNotEquals(first.dev(), other.dev());
        assertNotEquals(first.train(), other.train());
    }

    @Test
    void devAndTestDoNotDependOnKAndSmallerKIsASubset() {
        RawTask task = small();
        Splits four = k(4).carve(task);
        Splits eight = k(8).carve(task);
        assertEquals(four.dev(), eight.dev());
        assertEquals(four.test(), eight.test());
        assertTrue(eight.train().containsAll(four.train()));
    }

    @Test
    void customDevSizeOnASmallTask() {
        Splits s = FewShotProtocol.builder().setK(2).optDevSize(5).build().carve(small());
        assertEquals(5, s.dev().size());
        assertEquals(15, s.test().size());
    }

    @Test
    void largeTaskHoldsOutAThousandTrainingExamples() {
        RawTask task = Tasks.classification("sst2", AB,
                "train", Tasks.rows("train", 10_000, AB),
                "validation", Tasks.rows("validation", 50, AB));
        Splits s = k(16).carve(task);
        assertEquals(1_000, s.dev().size());
        assertTrue(task.split("train").containsAll(s.dev()));
        assertEquals(task.split("validation"), s.test());
        assertEquals(32, s.train().size());
        assertTrue(disjoint(s.train(), s.dev()));
        assertTrue(s.ruleDescription().startsWith("large task (10000"), s.ruleDescription());
    }

    @Test
    void justBelowTheThresholdIsSmall() {
        RawTask task = Tasks.classification("boolq", AB,
                "train", Tasks.rows("train", 9_427, AB),
                "validation", Tasks.rows("validation", 50, AB));
        Splits s = k(16).carve(task);
        assertEquals(25, s.dev().size());
        assertEquals(25, s.test().size());
    }

    @Test
    void mnliUsesMismatchedAsDevAndMatchedAsTest() {
        List<String> labels = List.of("entailment", "neutral", "contradiction");
        RawTask task = Tasks.classification("mnli", labels,
                "train", Tasks.rows("train", 90, labels),
                "validation_matched", Tasks.rows("validation_matched", 30, labels),
                "validation_mismatched", Tasks.rows("validation_mismatched", 40, labels),
                "test_matched", Tasks.unlabelled("test_matched", 5));
        Splits s = k(5).carve(task);
        assertEquals(task.split("validation_mismatched"), s.dev());
        assertEquals(task.split("validation_matched"), s.test());
        assertEquals(Map.of("entailment", 5, "neutral", 5, "contradiction", 5), counts(s.train()));
    }

    @Test
    void totalShotsAreBalancedAsEvenlyAsThePoolAllows() {
        List<String> abc = List.of("a", "b", "c");
        RawTask even = Tasks.classification("cb", abc, "train", Tasks.rows("train", 60, abc),
                "validation", Tasks.rows("validation", 12, abc));
        FewShotProtocol ten = FewShotProtocol.builder().setK(10).optPerLabel(false).build();
        assertEquals(Map.of("a", 4, "b", 3, "c", 3), counts(ten.carve(even).train()));
        assertEquals(Map.of("a", 10, "b", 10, "c", 10), counts(k(10).carve(even).train()));

        RawTask scarce = Tasks.classification("cb", abc,
                "train", Tasks.concat(Tasks.labelled("train", 20, "a", 2), Tasks.labelled("train", 20, "b", 30),
                        Tasks.labelled("train", 2, "c", 60)),
                "validation", Tasks.rows("validation", 12, abc));
        assertEquals(Map.of("a", 4, "b", 4, "c", 2), counts(ten.carve(scarce).train()));
    }

    @Test
    void regressionDrawsKUniformly() {
        RawTask task = Tasks.regression("stsb",
                "train", Tasks.rows("train", 40, List.of("0.0", "2.4", "3.8", "5.0")),
                "validation", Tasks.rows("validation", 10, List.of("1.0", "4.2")));
        Splits s = k(7).carve(task);
        assertEquals(7, s.train().size());
        assertEquals(7, new HashSet<>(s.train()).size());
    }

    @Test
    void tooManyShotsNameTheTaskLabelAndCounts() {
        List<String> labels = List.of("entailment", "not_entailment");
        RawTask task = Tasks.classification("rte", labels,
                "train", Tasks.concat(Tasks.labelled("train", 40, "entailment", 2),
                        Tasks.labelled("train", 100, "not_entailment", 42)),
                "validation", Tasks.rows("validation", 20, labels));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> k(64).carve(task));
        assertTrue(e.getMessage().startsWith("rte: 64 shots per label need 64 examples labelled 'entailment' in"
                + " the training pool"), e.getMessage());
        assertTrue(e.getMessage().endsWith("which has 40"), e.getMessage());
        InvalidInputException total = assertThrows(InvalidInputException.class,
                () -> FewShotProtocol.builder().setK(141).optPerLabel(false).build().carve(task));
        assertTrue(total.getMessage().contains("141 shots") && total.getMessage().endsWith("which has 140"),
                total.getMessage());
    }

    @Test
    void anEmptyValidationSplitIsNamed() {
        RawTask task = Tasks.classification("cola", AB, "train", Tasks.rows("train", 30, AB),
                "validation", Tasks.unlabelled("validation", 4));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> k(2).carve(task));
        assertTrue(e.getMessage().startsWith("cola: the validation split has no labelled examples"), e.getMessage());
        RawTask noTrain = Tasks.classification("cola", AB, "validation", Tasks.rows("validation", 4, AB));
        InvalidInputException t = assertThrows(InvalidInputException.class, () -> k(2).carve(noTrain));
        assertTrue(t.getMessage().startsWith("cola: the train split"), t.getMessage());
    }

    @Test
    void aLabelOutsideTheTasksLabelsIsNamedWithItsOrigin() {
        RawTask task = Tasks.classification("rte", AB,
                "train", Tasks.concat(Tasks.rows("train", 10, AB), Tasks.labelled("train", 1, "c", 99)),
                "validation", Tasks.rows("validation", 4, AB));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> k(2).carve(task));
        assertTrue(e.getMessage().contains("train.tsv:99") && e.getMessage().contains("'c'"), e.getMessage());
    }

    @Test
    void settingsAreValidated() {
        assertTrue(assertThrows(InvalidInputException.class, () -> FewShotProtocol.builder().build())
                .getMessage().contains("k (shots) must be set"));
        assertTrue(assertThrows(InvalidInputException.class, () -> k(0)).getMessage().endsWith("got 0"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> FewShotProtocol.builder().setK(1).optDevSize(-3).build()).getMessage().endsWith("got -3"));
    }

    private static Map<String, Integer> counts(List<RawExample> examples) {
        Map<String, Integer> c = new TreeMap<>();
        examples.forEach(e -> c.merge(e.label(), 1, Integer::sum));
        return c;
    }

    private static boolean disjoint(List<RawExample> a, List<RawExample> b) {
        Set<String> origins = new HashSet<>();
        a.forEach(e -> origins.add(e.origin()));
        return b.stream().noneMatch(e -> origins.contains(e.origin()));
    }
}
