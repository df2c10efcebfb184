package dev.crosspt.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import dev.crosspt.data.glue.GlueTask;
import dev.crosspt.data.glue.SuperGlueTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Natural, synthetic and numeric label words, and parsing generated text back. */
class VerbalizerTest {

    private static RawTask task(String name, TaskKind kind, List<String> labels) {
        return new RawTask(name, kind, labels, Map.of(), Map.of());
    }

    /** Every GLUE and SuperGLUE task, with the label sets their readers produce. */
    private static List<RawTask> knownTasks() {
        List<RawTask> tasks = new ArrayList<>();
        Stream.of(GlueTask.values()).forEach(t -> tasks.add(task(t.taskName(), t.kind(), t.labels())));
        Stream.of(SuperGlueTask.values())
                .forEach(t -> tasks.add(task(t.taskName(), TaskKind.CLASSIFICATION, t.labels())));
        return tasks;
    }

    @Test
    void naturalAndSyntheticWordsRoundTripForEveryKnownTask() {
        for (RawTask t : knownTasks()) {
            if (t.kind() == TaskKind.REGRESSION) {
                continue;
            }
            for (Verbalizer v : List.of(Verbalizer.natural(t), Verbalizer.synthetic(t))) {
                assertEquals(t.labels().size(), v.candidates().size(), t.name());
                assertEquals(t.labels().size(), new HashSet<>(v.candidates()).size(), t.name() + " words differ");
                for (int i = 0; i < t.labels().size(); i++) {
                    String raw = t.labels().get(i);
                    assertEquals(v.candidates().get(i), v.verbalize(raw), "candidates follow the label order");
                    assertEquals(raw, v.parse(v.verbalize(raw)), t.name() + " " + raw);
                }
            }
        }
    }

    @Test
    void naturalWordsOfTheGlueTasks() {
        assertEquals(List.of("unacceptable", "acceptable"),
                Verbalizer.natural(task("cola", TaskKind.CLASSIFICATION, List.of("0", "1"))).candidates());
        assertEquals(List.of("not_equivalent", "equivalent"),
                Verbalizer.natural(task("mrpc", TaskKind.CLASSIFICATION, List.of("0", "1"))).candidates());
        assertEquals(List.of("not_duplicate", "duplicate"),
                Verbalizer.natural(task("qqp", TaskKind.CLASSIFICATION, List.of("0", "1"))).candidates());
        assertEquals(List.of("no", "yes"),
                Verbalizer.natural(task("boolq", TaskKind.CLASSIFICATION, List.of("false", "true"))).candidates());
        assertEquals(List.of("choice1", "choice2"),
                Verbalizer.natural(task("copa", TaskKind.CLASSIFICATION, List.of("0", "1"))).candidates());
        assertEquals(List.of("not_entailment", "entailment"),
                Verbalizer.natural(task("wnli", TaskKind.CLASSIFICATION, List.of("0", "1"))).candidates());
    }

    @Test
    void parsingIgnoresCaseAndSpaceButNotExtraText() {
        Verbalizer rte = Verbalizer.natural(task("rte", TaskKind.CLASSIFICATION,
                List.of("entailment", "not_entailment")));
        assertEquals("entailment", rte.parse("  Entailment\n"));
        assertEquals("not_entailment", rte.parse("not_entailment"));
        assertNull(rte.parse("not entailment at all"));
        assertNull(rte.parse(""));
        assertNull(rte.parse(null));
    }

    @Test
    void unknownTasksUseTheirRawLabels() {
        Verbalizer v = Verbalizer.natural(task("sentiment", TaskKind.CLASSIFICATION, List.of("neg", "pos")));
        assertEquals(List.of("neg", "pos"), v.candidates());
        assertEquals("pos", v.parse("POS"));
    }

    @Test
    void aKnownTaskWithOtherLabelsIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Verbalizer.natural(task("cola", TaskKind.CLASSIFICATION, List.of("good", "bad"))));
        assertTrue(e.getMessage().startsWith("task 'cola' has labels [good, bad]"), e.getMessage());
    }

    @Test
    void syntheticWordsAreTaskNamePlusIndex() {
        Verbalizer v = Verbalizer.synthetic(task("mrpc", TaskKind.CLASSIFICATION, List.of("0", "1")));
        assertEquals(List.of("mrpc0", "mrpc1"), v.candidates());
        assertEquals("mrpc1", v.verbalize("1"));
        assertEquals("0", v.parse("mrpc0"));
        assertNull(v.parse("mrpc2"));
        assertThrows(InvalidInputException.class, () -> v.verbalize("2"));
    }

    @Test
    void numericRoundsToAFifthAndParsesTheFirstNumber() {
        Verbalizer v = Verbalizer.numeric();
        assertEquals("3.8", v.verbalize("3.81"));
        assertEquals("3.8", v.verbalize("3.800"));
        assertEquals("4.0", v.verbalize("3.9"));
        assertEquals("4.8", v.verbalize("4.750"));
        assertEquals("0.0", v.verbalize("0.000"));
        assertEquals("5.0", v.verbalize("5.3"), "clamped to [0, 5]");
        assertEquals("4.0", v.parse("4.0"));
        assertEquals("2.6", v.parse("about 2.6 or so"));
        assertEquals("5.0", v.parse("7"), "clamped to [0, 5]");
        assertEquals("0.0", v.parse("-1.5"), "clamped to [0, 5]");
        assertNull(v.parse("garbage"));
        assertNull(v.parse(null));
        assertEquals(List.of(), v.candidates());
        assertThrows(InvalidInputException.class, () -> v.verbalize("high"));
    }

    @Test
    void regressionTasksAreNumericWhateverTheFamily() {
        RawTask stsb = task("stsb", TaskKind.REGRESSION, List.of());
        assertSame(Verbalizer.numeric(), Verbalizer.natural(stsb));
        assertSame(Verbalizer.numeric(), Verbalizer.synthetic(stsb));
    }

    @Test
    void explicitWordsMustDiffer() {
        Verbalizer v = Verbalizer.words("t", Map.of("a", "alpha"));
        assertEquals("alpha", v.verbalize("a"));
        assertThrows(IllegalArgumentException.class,
                () -> Verbalizer.words("t", new java.util.LinkedHashMap<>(Map.of("a", "X", "b", "x"))));
    }
}
