package dev.crosspt.data.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawTask;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad GLUE files fail with a message naming the file and line; tolerated quirks are counted. */
class GlueErrorsTest {

    @TempDir
    Path tmp;

    private static final String RTE_HEADER = "index\tsentence1\tsentence2\tlabel\n";

    private Path rte(String train) {
        Path dir = tmp.resolve("RTE");
        MiniData.write(dir.resolve("train.tsv"), train);
        return dir;
    }

    private static InvalidInputException fails(Path dir, GlueTask task) {
        return assertThrows(InvalidInputException.class, () -> GlueReader.read(dir, task));
    }

    @Test
    void aRowWithTooFewFieldsNamesFileLineAndCount() {
        Path dir = rte(RTE_HEADER + "0\tA.\tB.\tentailment\n1\tA.\tentailment\n");
        InvalidInputException e = fails(dir, GlueTask.RTE);
        assertEquals("RTE/train.tsv:3: expected 4 tab-separated fields (index, sentence1, sentence2, label), found 3",
                e.getMessage());
    }

    @Test
    void quotesDoNotProtectTabs() {
        Path dir = rte(RTE_HEADER + "0\t\"A\tquoted\"\tB.\tentailment\n");
        InvalidInputException e = fails(dir, GlueTask.RTE);
        assertTrue(e.getMessage().startsWith("RTE/train.tsv:2: expected 4"), e.getMessage());
        assertTrue(e.getMessage().endsWith("found 5"), e.getMessage());
    }

    @Test
    void anUnknownLabelNamesFileLineAndTheLabelSet() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 16; i++) {
            sb.append("src\t").append(i % 2).append("\t\tSentence ").append(i).append(".\n");
        }
        sb.append("src\tmaybe\t\tSentence 17.\n");
        Path dir = tmp.resolve("CoLA");
        MiniData.write(dir.resolve("train.tsv"), sb.toString());
        assertEquals("CoLA/train.tsv:17: label 'maybe' is not one of [0, 1]", fails(dir, GlueTask.COLA).getMessage());
    }

    @Test
    void aSplitWithAHeaderButNoRowsIsAnError() {
        Path dir = rte(RTE_HEADER + "0\tA.\tB.\tentailment\n");
        MiniData.write(dir.resolve("dev.tsv"), RTE_HEADER);
        String msg = fails(dir, GlueTask.RTE).getMessage();
        assertTrue(msg.startsWith("RTE/dev.tsv: no examples"), msg);
        assertTrue(msg.contains("split 'validation'"), msg);
    }

    @Test
    void anEmptyFileIsAnError() {
        Path dir = rte(RTE_HEADER + "0\tA.\tB.\tentailment\n");
        MiniData.write(dir.resolve("test.tsv"), "");
        String msg = fails(dir, GlueTask.RTE).getMessage();
        assertTrue(msg.startsWith("RTE/test.tsv: empty file, expected a header row"), msg);
    }

    @Test
    void aMissingTrainingFileIsAnError() {
        Path dir = tmp.resolve("RTE");
        MiniData.write(dir.resolve("dev.tsv"), RTE_HEADER + "0\tA.\tB.\tentailment\n");
        String msg = fails(dir, GlueTask.RTE).getMessage();
        assertTrue(msg.startsWith("RTE/train.tsv: missing required file"), msg);
    }

    @Test
    void optionalSplitFilesMayBeAbsent() {
        RawTask task = GlueReader.read(rte(RTE_HEADER + "0\tA.\tB.\tentailment\n"), GlueTask.RTE);
        assertEquals(Set.of("train"), task.splits().keySet());
        assertEquals(1, task.split("train").size());
    }

    @Test
    void aHeaderWithoutTheColumnNamesIt() {
        Path dir = tmp.resolve("MRPC");
        MiniData.write(dir.resolve("train.tsv"), "Quality\t#1 ID\t#2 ID\t#1 String\tsecond\n1\t1\t2\tA.\tB.\n");
        String msg = fails(dir, GlueTask.MRPC).getMessage();
        assertTrue(msg.startsWith("MRPC/train.tsv:1: the header has no column '#2 String'"), msg);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() {
        Path dir = tmp.resolve("MRPC");
        MiniData.write(dir.resolve("train.tsv"), "\uFEFFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\tA.\tB.\n");
        assertEquals("1", GlueReader.read(dir, GlueTask.MRPC).split("train").get(0).label());
    }

    @Test
    void stsbScoresMustBeNumbersFromZeroToFive() {
        String header = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore\n";
        Path dir = tmp.resolve("STS-B");
        MiniData.write(dir.resolve("train.tsv"), header + "0\tg\tf\ty\t1\tn\tn\tA.\tB.\t7.5\n");
        assertEquals("STS-B/train.tsv:2: label '7.5' is outside [0, 5] (task 'stsb')",
                fails(dir, GlueTask.STSB).getMessage());
        MiniData.write(dir.resolve("train.tsv"), header + "0\tg\tf\ty\t1\tn\tn\tA.\tB.\thigh\n");
        assertTrue(fails(dir, GlueTask.STSB).getMessage().contains("label 'high' is not a number"));
    }

    @Test
    void qqpCountsMissingAndExtraFieldsSeparately() {
        String header = "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n";
        Path dir = tmp.resolve("QQP");
        MiniData.write(dir.resolve("train.tsv"), header + "1\t1\t2\tA?\tB?\t0\n2\t3\t4\tC?\n3\t5\t6\tD?\tE?\t1\textra\n"
                + "\n4\t7\t8\tF?\tG?\t1\n");
        RawTask qqp = GlueReader.read(dir, GlueTask.QQP);
        assertEquals(2, qqp.split("train").size());
        assertEquals(Map.of("qqp train.tsv: rows with missing fields", 1, "qqp train.tsv: rows with extra fields", 1,
                "qqp train.tsv: blank lines", 1), qqp.skipped());
    }

    @Test
    void aSplitWhoseRowsAreAllSkippedSaysWhy() {
        Path dir = tmp.resolve("QQP");
        MiniData.write(dir.resolve("train.tsv"), "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n1\t2\n3\t4\n");
        String msg = fails(dir, GlueTask.QQP).getMessage();
        assertTrue(msg.startsWith("QQP/train.tsv: no examples left: all 2 records were skipped "
                + "(qqp train.tsv: rows with missing fields)"), msg);
    }

    @Test
    void blankLinesAreSkippedAndCounted() {
        Path dir = rte(RTE_HEADER + "0\tA.\tB.\tentailment\n\n1\tC.\tD.\tnot_entailment\n");
        RawTask task = GlueReader.read(dir, GlueTask.RTE);
        assertEquals(2, task.split("train").size());
        assertEquals(Map.of("rte train.tsv: blank lines", 1), task.skipped());
    }

    @Test
    void crlfLineEndingsAreAccepted() {
        RawTask task = GlueReader.read(rte(RTE_HEADER.replace("\n", "\r\n") + "0\tA.\tB.\tentailment\r\n"),
                GlueTask.RTE);
        assertEquals("entailment", task.split("train").get(0).label());
    }
}
