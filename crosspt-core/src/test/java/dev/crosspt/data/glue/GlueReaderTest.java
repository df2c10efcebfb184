package dev.crosspt.data.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reading the official GLUE layout from the tiny copy under testdata/glue-mini. */
class GlueReaderTest {

    private static List<String> labels(List<RawExample> split) {
        return split.stream().map(RawExample::label).toList();
    }

    @Test
    void colaTrainHasNoHeaderAndKeepsQuotesLiterally() {
        RawTask cola = GlueReader.read(MiniData.glue("CoLA"), GlueTask.COLA);
        assertEquals("cola", cola.name());
        assertEquals(List.of("0", "1"), cola.labels());
        assertEquals(Set.of("train", "validation", "test"), cola.splits().keySet());
        List<RawExample> train = cola.split("train");
        assertEquals(4, train.size(), "the first line is a record, not a header");
        assertEquals(List.of("1", "0", "1", "1"), labels(train));
        assertEquals("CoLA/train.tsv:1", train.get(0).origin());
        assertEquals(Map.of("sentence", "They drank the pub."), train.get(1).fields());
        assertEquals("John said \"hello\" to Mary.", train.get(2).fields().get("sentence"));
        assertEquals("\"Quoted words start this sentence, and no quote closes it.",
                train.get(3).fields().get("sentence"), "an unbalanced quote is an ordinary character");
        assertEquals(3, cola.split("validation").size());
        assertTrue(cola.skipped().isEmpty());
    }

    @Test
    void colaTestHasAHeaderAndNoLabels() {
        List<RawExample> test = GlueReader.read(MiniData.glue("CoLA"), GlueTask.COLA).split("test");
        assertEquals(3, test.size());
        assertEquals("Bill whistled past the house.", test.get(0).fields().get("sentence"));
        assertEquals("CoLA/test.tsv:2", test.get(0).origin());
        test.forEach(e -> assertNull(e.label()));
    }

    @Test
    void sst2KeepsTrailingSpaces() {
        RawTask sst2 = GlueReader.read(MiniData.glue("SST-2"), GlueTask.SST2);
        assertEquals("sst2", sst2.name());
        assertEquals("hide new secretions from the parental units ", sst2.split("train").get(0).fields().get("sentence"));
        assertEquals(List.of("1", "0", "1"), labels(sst2.split("validation")));
    }

    @Test
    void mrpcFindsHashColumnsByNameAndKeepsQuotes() {
        RawTask mrpc = GlueReader.read(MiniData.glue("MRPC"), GlueTask.MRPC);
        RawExample first = mrpc.split("train").get(0);
        assertEquals("1", first.label());
        assertEquals(Set.of("sentence1", "sentence2"), first.fields().keySet());
        assertTrue(first.fields().get("sentence1").contains(", whom he called \" the witness \" ,"));
        assertTrue(first.fields().get("sentence2").startsWith("Referring to him as only \" the witness \""));
        assertEquals(List.of("1", "0", "1", "0"), labels(mrpc.split("train")));
        assertTrue(mrpc.split("validation").get(0).fields().get("sentence2").startsWith("\" The foodservice"));
        List<RawExample> test = mrpc.split("test");
        assertEquals(3, test.size());
        assertTrue(test.get(0).fields().get("sentence1").startsWith("PCCW 's chief operating officer"));
        test.forEach(e -> assertNull(e.label()));
    }

    @Test
    void qqpSkipsAndCountsTheRowWithMissingFields() {
        RawTask qqp = GlueReader.read(MiniData.glue("QQP"), GlueTask.QQP);
        assertEquals(4, qqp.split("train").size());
        assertEquals(Map.of("qqp train.tsv: rows with missing fields", 1), qqp.skipped());
        assertEquals(List.of("0", "1", "0", "1"), labels(qqp.split("train")));
        assertEquals("QQP/train.tsv:6", qqp.split("train").get(3).origin(), "line numbers go on after a skip");
        assertEquals("What is the best way to learn \"C++\"?", qqp.split("validation").get(0).fields().get("question1"));
        assertEquals(Set.of("question1", "question2"), qqp.split("test").get(0).fields().keySet());
    }

    @Test
    void stsbIsRegressionWithScoresAsWritten() {
        RawTask stsb = GlueReader.read(MiniData.glue("STS-B"), GlueTask.STSB);
        assertEquals(TaskKind.REGRESSION, stsb.kind());
        assertEquals(List.of(), stsb.labels());
        assertEquals(List.of("5.000", "3.800", "3.800", "2.600"), labels(stsb.split("train")));
        assertEquals(Map.of("sentence1", "A plane is taking off.", "sentence2", "An air plane is taking off."),
                stsb.split("train").get(0).fields());
        assertEquals(List.of("5.000", "4.750", "0.000"), labels(stsb.split("validation")));
        stsb.split("test").forEach(e -> assertNull(e.label()));
    }

    @Test
    void mnliReadsFiveSplitsAndCountsRowsWithoutGoldLabel() {
        RawTask mnli = GlueReader.read(MiniData.glue("MNLI"), GlueTask.MNLI);
        assertEquals(Set.of("train", "validation_matched", "validation_mismatched", "test_matched",
                "test_mismatched"), mnli.splits().keySet());
        assertEquals(List.of("neutral", "entailment", "entailment", "contradiction"), labels(mnli.split("train")));
        assertEquals(List.of("neutral", "contradiction", "contradiction"), labels(mnli.split("validation_matched")));
        assertEquals(Map.of("mnli dev_matched.tsv: rows with gold_label '-' or empty (no annotator consensus)", 1),
                mnli.skipped());
        assertEquals(3, mnli.split("validation_mismatched").size());
        RawExample quoted = mnli.split("train").get(3);
        assertEquals("\"I said, \"What are you doing?\"", quoted.fields().get("premise"));
        assertEquals("I didn't say anything at all.", quoted.fields().get("hypothesis"));
        assertEquals(Set.of("premise", "hypothesis"), quoted.fields().keySet(), "parse trees are not kept");
        mnli.split("test_matched").forEach(e -> assertNull(e.label()));
        assertEquals(3, mnli.split("test_mismatched").size());
    }

    @Test
    void qnliRteAndWnliReadTheirColumns() {
        RawTask qnli = GlueReader.read(MiniData.glue("QNLI"), GlueTask.QNLI);
        assertEquals(List.of("not_entailment", "not_entailment", "entailment"), labels(qnli.split("train")));
        assertEquals("When did the third Digimon series begin?", qnli.split("train").get(0).fields().get("question"));
        RawTask rte = GlueReader.read(MiniData.glue("RTE"), GlueTask.RTE);
        assertEquals(List.of("not_entailment", "entailment", "entailment", "not_entailment"),
                labels(rte.split("train")));
        assertEquals("The \"Vital Care\" program is run by ProMedica.", rte.split("train").get(3).fields().get("sentence2"));
        RawTask wnli = GlueReader.read(MiniData.glue("WNLI"), GlueTask.WNLI);
        assertEquals(List.of("1", "1", "1", "0"), labels(wnli.split("train")));
        assertEquals(List.of("0", "1", "0"), labels(wnli.split("validation")));
    }

    @ParameterizedTest
    @EnumSource(GlueTask.class)
    void everyTaskReadsEverySplitAndTestsHaveNoLabels(GlueTask task) {
        RawTask raw = GlueReader.read(MiniData.glue(task.directory()), task);
        assertEquals(task.taskName(), raw.name());
        assertEquals(task.files().keySet(), raw.splits().keySet());
        raw.splits().forEach((split, examples) -> {
            assertTrue(examples.size() >= 3, split);
            for (RawExample e : examples) {
                assertEquals(task.columns().keySet(), e.fields().keySet(), e.origin());
                if (GlueTask.isLabelled(split)) {
                    assertTrue(task.kind() == TaskKind.REGRESSION || task.labels().contains(e.label()), e.origin());
                } else {
                    assertNull(e.label(), e.origin());
                }
            }
        });
    }

    @Test
    void directoryNamesMatchIgnoringCaseAndDashes() {
        assertEquals(GlueTask.SST2, GlueTask.forDirectory("SST-2").orElseThrow());
        assertEquals(GlueTask.SST2, GlueTask.forDirectory("sst2").orElseThrow());
        assertEquals(GlueTask.STSB, GlueTask.forDirectory("sts_b").orElseThrow());
        assertEquals(GlueTask.COLA, GlueTask.forDirectory("cola").orElseThrow());
        assertTrue(GlueTask.forDirectory("diagnostic").isEmpty());
    }
}
