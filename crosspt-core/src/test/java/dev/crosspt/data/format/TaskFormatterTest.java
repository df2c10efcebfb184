package dev.crosspt.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.Example;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** T5-style inputs and verbalized targets. */
class TaskFormatterTest {

    private static RawTask task(String name, TaskKind kind, List<String> labels, RawExample... train) {
        return new RawTask(name, kind, labels, Map.of("train", List.of(train)), Map.of());
    }

    private static final List<String> NLI2 = List.of("entailment", "not_entailment");

    private static final RawExample RTE = new RawExample(
            Map.of("sentence1", "No weapons were found.", "sentence2", "Weapons were found."), "not_entailment",
            "RTE/train.tsv:2");

    @Test
    void rteWithAndWithoutThePrefix() {
        RawTask rte = task("rte", TaskKind.CLASSIFICATION, NLI2, RTE);
        Verbalizer v = Verbalizer.natural(rte);
        assertEquals(new Example("rte sentence1: No weapons were found. sentence2: Weapons were found.",
                "not_entailment"), TaskFormatter.forTask(rte, v, true).format(RTE));
        assertEquals(new Example("sentence1: No weapons were found. sentence2: Weapons were found.",
                "not_entailment"), TaskFormatter.forTask(rte, v, false).format(RTE));
        assertEquals("rte1", TaskFormatter.forTask(rte, Verbalizer.synthetic(rte), true).format(RTE).target());
    }

    @Test
    void knownTasksFollowT5sFieldOrder() {
        RawExample mnli = new RawExample(Map.of("premise", "P.", "hypothesis", "H."), "neutral", "x:1");
        RawTask mnliTask = task("mnli", TaskKind.CLASSIFICATION, List.of("entailment", "neutral", "contradiction"));
        assertEquals("mnli hypothesis: H. premise: P.",
                TaskFormatter.forTask(mnliTask, Verbalizer.natural(mnliTask), true).format(mnli).input());

        RawExample copa = new RawExample(Map.of("premise", "My body cast a shadow.", "choice1", "The sun rose.",
                "choice2", "The grass was cut.", "question", "cause"), "0", "x:1");
        RawTask copaTask = task("copa", TaskKind.CLASSIFICATION, List.of("0", "1"));
        assertEquals(new Example("copa premise: My body cast a shadow. choice1: The sun rose. choice2: The grass "
                + "was cut. question: cause", "choice1"),
                TaskFormatter.forTask(copaTask, Verbalizer.natural(copaTask), true).format(copa));

        RawExample boolq = new RawExample(Map.of("question", "is it?", "passage", "It is."), "true", "x:1");
        RawTask boolqTask = task("boolq", TaskKind.CLASSIFICATION, List.of("false", "true"));
        assertEquals(new Example("boolq question: is it? passage: It is.", "yes"),
                TaskFormatter.forTask(boolqTask, Verbalizer.natural(boolqTask), true).format(boolq));

        RawExample stsb = new RawExample(Map.of("sentence1", "A.", "sentence2", "B."), "3.810", "x:1");
        RawTask stsbTask = task("stsb", TaskKind.REGRESSION, List.of());
        assertEquals(new Example("stsb sentence1: A. sentence2: B.", "3.8"),
                TaskFormatter.forTask(stsbTask, Verbalizer.natural(stsbTask), true).format(stsb));
    }

    @Test
    void unlabeledRecordsGetAnEmptyTarget() {
        RawTask rte = task("rte", TaskKind.CLASSIFICATION, NLI2, RTE);
        RawExample test = new RawExample(Map.of("sentence1", "A.", "sentence2", "B."), null, "RTE/test.tsv:2");
        assertEquals("", TaskFormatter.forTask(rte, Verbalizer.natural(rte), true).format(test).target());
    }

    @Test
    void aMissingFieldNamesTheRecord() {
        RawTask rte = task("rte", TaskKind.CLASSIFICATION, NLI2, RTE);
        RawExample bad = new RawExample(Map.of("sentence1", "A."), "entailment", "RTE/dev.tsv:4");
        String msg = assertThrows(InvalidInputException.class,
                () -> TaskFormatter.forTask(rte, Verbalizer.natural(rte), true).format(bad)).getMessage();
        assertTrue(msg.startsWith("RTE/dev.tsv:4: missing field 'sentence2'"), msg);
    }

    @Test
    void otherTasksWriteTheirFieldsAlphabeticallyOrAsChosen() {
        RawExample e = new RawExample(Map.of("title", "T", "body", "B"), "pos", "x:1");
        RawTask user = task("reviews", TaskKind.CLASSIFICATION, List.of("neg", "pos"), e);
        Verbalizer v = Verbalizer.natural(user);
        assertEquals("reviews body: B title: T", TaskFormatter.forTask(user, v, true).format(e).input());
        assertEquals("title: T body: B",
                TaskFormatter.of("reviews", List.of("title", "body"), v, false).format(e).input());
    }
}
