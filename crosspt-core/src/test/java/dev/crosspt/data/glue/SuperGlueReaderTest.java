package dev.crosspt.data.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reading SuperGLUE's JSON lines from the tiny copy under testdata/superglue-mini. */
class SuperGlueReaderTest {

    @TempDir
    Path tmp;

    private static List<String> labels(List<RawExample> split) {
        return split.stream().map(RawExample::label).toList();
    }

    @Test
    void boolqLabelsAreBooleanStringsAndTabsSurvive() {
        RawTask boolq = SuperGlueReader.read(MiniData.superGlue("BoolQ"), SuperGlueTask.BOOLQ);
        assertEquals("boolq", boolq.name());
        assertEquals(List.of("false", "true"), boolq.labels());
        assertEquals(List.of("true", "true", "false"), labels(boolq.split("train")));
        assertEquals(Set.of("question", "passage"), boolq.split("train").get(0).fields().keySet());
        assertTrue(boolq.split("validation").get(0).fields().get("passage").contains("steps:\tit needs"));
        assertEquals("BoolQ/val.jsonl:2", boolq.split("validation").get(1).origin());
        boolq.split("test").forEach(e -> assertNull(e.label()));
    }

    @Test
    void cbCopaRteAndWicReadTheirFields() {
        RawTask cb = SuperGlueReader.read(MiniData.superGlue("CB"), SuperGlueTask.CB);
        assertEquals(List.of("entailment", "entailment", "contradiction", "neutral"), labels(cb.split("train")));
        assertEquals("``Who knows? The point is, do we go with it or not?'' Do we assume there is a shipment?",
                cb.split("validation").get(1).fields().get("premise"));

        RawTask copa = SuperGlueReader.read(MiniData.superGlue("COPA"), SuperGlueTask.COPA);
        assertEquals(List.of("0", "0", "1", "0"), labels(copa.split("train")));
        assertEquals(Map.of("premise", "My body cast a shadow over the grass.", "choice1", "The sun was rising.",
                "choice2", "The grass was cut.", "question", "cause"), copa.split("train").get(0).fields());

        RawTask rte = SuperGlueReader.read(MiniData.superGlue("RTE"), SuperGlueTask.RTE);
        assertEquals("sg-rte", rte.name());
        assertEquals(List.of("not_entailment", "entailment", "not_entailment"), labels(rte.split("validation")));

        RawTask wic = SuperGlueReader.read(MiniData.superGlue("WiC"), SuperGlueTask.WIC);
        RawExample first = wic.split("train").get(0);
        assertEquals("false", first.label());
        assertEquals("place", first.fields().get("word"));
        assertEquals("31", first.fields().get("start1"));
        assertEquals("32", first.fields().get("end2"));
        assertEquals(List.of("false", "true", "true"), labels(wic.split("validation")));
    }

    @ParameterizedTest
    @EnumSource(SuperGlueTask.class)
    void everyTaskReadsThreeSplitsWithTestsUnlabeled(SuperGlueTask task) {
        RawTask raw = SuperGlueReader.read(MiniData.superGlue(task.directory()), task);
        assertEquals(Set.of("train", "validation", "test"), raw.splits().keySet());
        assertTrue(raw.skipped().isEmpty());
        raw.splits().forEach((split, examples) -> {
            assertTrue(examples.size() >= 3);
            for (RawExample e : examples) {
                assertTrue(e.fields().keySet().containsAll(task.fields()), e.origin());
                if (split.equals("test")) {
                    assertNull(e.label(), e.origin());
                } else {
                    assertTrue(task.labels().contains(e.label()), e.origin());
                }
            }
        });
    }

    private InvalidInputException fails(String train) {
        Path dir = tmp.resolve("BoolQ");
        MiniData.write(dir.resolve("train.jsonl"), train);
        return assertThrows(InvalidInputException.class, () -> SuperGlueReader.read(dir, SuperGlueTask.BOOLQ));
    }

    private static final String GOOD = "{\"question\": \"q\", \"passage\": \"p\", \"label\": true}\n";

    @Test
    void badJsonNamesFileAndLine() {
        String msg = fails(GOOD + "{\"question\": \"q\", \"passage\": \n").getMessage();
        assertTrue(msg.startsWith("BoolQ/train.jsonl:2: not valid JSON"), msg);
        msg = fails(GOOD + GOOD + "{'question': 'q'}\n").getMessage();
        assertTrue(msg.startsWith("BoolQ/train.jsonl:3: not valid JSON (malformed JSON at column "), msg);
        msg = fails(GOOD + "[1, 2]\n").getMessage();
        assertEquals("BoolQ/train.jsonl:2: expected a JSON object, found [1, 2]", msg);
    }

    @Test
    void aMissingFieldIsNamed() {
        assertEquals("BoolQ/train.jsonl:2: missing field 'passage' (expected question, passage, label)",
                fails(GOOD + "{\"question\": \"q\", \"label\": false}\n").getMessage());
        assertEquals("BoolQ/train.jsonl:1: missing field 'label' (expected question, passage, label)",
                fails("{\"question\": \"q\", \"passage\": \"p\"}\n").getMessage());
    }

    @Test
    void anUnknownLabelIsNamed() {
        assertEquals("BoolQ/train.jsonl:1: label 'maybe' is not one of [false, true]",
                fails("{\"question\": \"q\", \"passage\": \"p\", \"label\": \"maybe\"}\n").getMessage());
    }

    @Test
    void anEmptyValidationFileIsAnError() {
        Path dir = tmp.resolve("BoolQ");
        MiniData.write(dir.resolve("train.jsonl"), GOOD);
        MiniData.write(dir.resolve("val.jsonl"), "\n");
        String msg = assertThrows(InvalidInputException.class,
                () -> SuperGlueReader.read(dir, SuperGlueTask.BOOLQ)).getMessage();
        assertTrue(msg.startsWith("BoolQ/val.jsonl: no examples left: all 1 records were skipped "
                + "(boolq val.jsonl: blank lines)"), msg);
    }

    @Test
    void directoryNamesMatchBothRteNames() {
        assertEquals(SuperGlueTask.RTE, SuperGlueTask.forDirectory("RTE").orElseThrow());
        assertEquals(SuperGlueTask.RTE, SuperGlueTask.forDirectory("sg-rte").orElseThrow());
        assertEquals(SuperGlueTask.WIC, SuperGlueTask.forDirectory("wic").orElseThrow());
        assertTrue(SuperGlueTask.forDirectory("MultiRC").isEmpty());
    }
}
