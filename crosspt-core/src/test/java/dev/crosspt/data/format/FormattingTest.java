package dev.crosspt.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.Example;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskData;
import dev.crosspt.data.TaskKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From raw records to TaskData. */
class FormattingTest {

    private static RawExample rte(int i, String label) {
        return new RawExample(Map.of("sentence1", "Premise " + i + ".", "sentence2", "Claim " + i + "."), label,
                "RTE/train.tsv:" + (i + 1));
    }

    private static final RawTask RTE = new RawTask("rte", TaskKind.CLASSIFICATION,
            List.of("entailment", "not_entailment"),
            Map.of("train", List.of(rte(1, "entailment"), rte(2, "not_entailment")),
                    "validation", List.of(rte(3, "entailment")), "test", List.of(rte(4, null))), Map.of());

    @Test
    void labelsAreTheVerbalizersCandidates() {
        TaskData data = Formatting.toTaskData(RTE, RTE.split("train"), RTE.split("validation"),
                RTE.split("validation"), Verbalizer.natural(RTE), true);
        assertEquals("rte", data.name());
        assertEquals(List.of("entailment", "not_entailment"), data.labels());
        assertEquals(new Example("rte sentence1: Premise 1. sentence2: Claim 1.", "entailment"), data.train().get(0));
        assertEquals("not_entailment", data.train().get(1).target());
        assertEquals(1, data.dev().size());

        TaskData synthetic = Formatting.toTaskData(RTE, RTE.split("train"), List.of(), List.of(),
                Verbalizer.synthetic(RTE), false);
        assertEquals(List.of("rte0", "rte1"), synthetic.labels());
        assertEquals(new Example("sentence1: Premise 2. sentence2: Claim 2.", "rte1"), synthetic.train().get(1));
    }

    @Test
    void unlabeledRecordsCannotBeUsed() {
        String msg = assertThrows(InvalidInputException.class, () -> Formatting.toTaskData(RTE, RTE.split("train"),
                RTE.split("validation"), RTE.split("test"), Verbalizer.natural(RTE), true)).getMessage();
        assertTrue(msg.startsWith("RTE/train.tsv:5: record has no label"), msg);
        assertThrows(InvalidInputException.class, () -> Formatting.toTaskData(RTE, List.of(), List.of(), List.of(),
                Verbalizer.natural(RTE), true));
    }

    @Test
    void regressionHasNoCandidates() {
        RawExample e = new RawExample(Map.of("sentence1", "A.", "sentence2", "B."), "4.750", "STS-B/train.tsv:2");
        RawTask stsb = new RawTask("stsb", TaskKind.REGRESSION, List.of(), Map.of("train", List.of(e)), Map.of());
        TaskData data = Formatting.toTaskData(stsb, List.of(e), List.of(), List.of(), Verbalizer.natural(stsb), true);
        assertEquals(List.of(), data.labels());
        assertEquals("4.8", data.train().get(0).target());
    }
}
