package dev.crosspt.data.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's task described by task.json, in JSON lines, CSV and TSV. */
class SpecTaskReaderTest {

    @TempDir
    Path tmp;

    private Path dir(String name) {
        return tmp.resolve(name);
    }

    private static List<String> labels(List<RawExample> split) {
        return split.stream().map(RawExample::label).toList();
    }

    private static InvalidInputException fails(Path spec) {
        return assertThrows(InvalidInputException.class, () -> SpecTaskReader.read(spec));
    }

    @Test
    void jsonlWithGivenLabels() {
        Path d = dir("nli");
        Path spec = MiniData.write(d.resolve("task.json"), """
                {"name": "my-nli", "format": "jsonl", "text_fields": ["premise", "hypothesis"],
                 "label_field": "label", "labels": ["yes", "no"], "kind": "classification",
                 "files": {"train": "train.jsonl", "validation": "dev.jsonl", "test": "test.jsonl"}}
                """);
        MiniData.write(d.resolve("train.jsonl"), """
                {"premise": "A\\tcat.", "hypothesis": "An animal.", "label": "yes", "extra": 1}
                {"premise": "A dog.", "hypothesis": "A cat.", "label": "no"}
                """);
        MiniData.write(d.resolve("dev.jsonl"), "{\"premise\": \"P\", \"hypothesis\": \"H\", \"label\": \"no\"}\n");
        MiniData.write(d.resolve("test.jsonl"), "{\"premise\": \"P\", \"hypothesis\": \"H\"}\n");
        RawTask task = SpecTaskReader.read(spec);
        assertEquals("my-nli", task.name());
        assertEquals(List.of("yes", "no"), task.labels(), "given labels keep their order");
        assertEquals(Map.of("premise", "A\tcat.", "hypothesis", "An animal."), task.split("train").get(0).fields());
        assertEquals(List.of("yes", "no"), labels(task.split("train")));
        assertEquals("nli/dev.jsonl:1", task.split("validation").get(0).origin());
        assertNull(task.split("test").get(0).label());
    }

    @Test
    void csvHonoursQuotesAndInfersSortedLabels() {
        Path d = dir("sentiment");
        Path spec = MiniData.write(d.resolve("task.json"), """
                {"text_fields": ["text"], "label_field": "label",
                 "files": {"train": "train.csv", "test": "test.csv"}}
                """);
        MiniData.write(d.resolve("train.csv"), "id,text,label\r\n"
                + "1,\"Good, really good\",pos\r\n"
                + "2,\"She said \"\"meh\"\"\tand left\",neu\r\n"
                + "3,\"two\nlines\",neg\r\n"
                + "4,plain,pos\r\n");
        MiniData.write(d.resolve("test.csv"), "id,text\n1,\"a, b\"\n");
        RawTask task = SpecTaskReader.read(spec);
        assertEquals("sentiment", task.name(), "the name defaults to the directory's");
        assertEquals(TaskKind.CLASSIFICATION, task.kind());
        assertEquals(List.of("neg", "neu", "pos"), task.labels(), "inferred labels are sorted");
        List<RawExample> train = task.split("train");
        assertEquals("Good, really good", train.get(0).fields().get("text"));
        assertEquals("She said \"meh\"\tand left", train.get(1).fields().get("text"));
        assertEquals("two\nlines", train.get(2).fields().get("text"));
        assertEquals("sentiment/train.csv:6", train.get(3).origin(), "a quoted line break counts as a line");
        assertEquals(List.of("pos", "neu", "neg", "pos"), labels(train));
        assertEquals("a, b", task.split("test").get(0).fields().get("text"));
        assertNull(task.split("test").get(0).label(), "a test file may have no label column");
    }

    @Test
    void numericLabelsAreInferredInNumericOrder() {
        Path d = dir("grades");
        MiniData.write(d.resolve("train.tsv"), "text\tlabel\na\t10\nb\t2\nc\t1\nd\t2\n");
        Path spec = MiniData.write(d.resolve("task.json"),
                "{\"text_fields\": [\"text\"], \"label_field\": \"label\", \"files\": {\"train\": \"train.tsv\"}}");
        assertEquals(List.of("1", "2", "10"), SpecTaskReader.read(spec).labels());
    }

    @Test
    void tsvKeepsQuotesLiterally() {
        Path d = dir("quotes");
        MiniData.write(d.resolve("train.tsv"), "text\tlabel\n\"half quoted\tyes\n");
        Path spec = MiniData.write(d.resolve("task.json"), "{\"format\": \"tsv\", \"text_fields\": [\"text\"], "
                + "\"label_field\": \"label\", \"labels\": [\"yes\", \"no\"], \"files\": {\"train\": \"train.tsv\"}}");
        assertEquals("\"half quoted", SpecTaskReader.read(spec).split("train").get(0).fields().get("text"));
    }

    @Test
    void regressionLabelsMustBeNumbers() {
        Path d = dir("score");
        MiniData.write(d.resolve("train.jsonl"), "{\"t\": \"a\", \"y\": 0.25}\n{\"t\": \"b\", \"y\": \"lots\"}\n");
        Path spec = MiniData.write(d.resolve("task.json"), "{\"kind\": \"regression\", \"text_fields\": [\"t\"], "
                + "\"label_field\": \"y\", \"files\": {\"train\": \"train.jsonl\"}}");
        assertTrue(fails(spec).getMessage().startsWith("score/train.jsonl:2: label 'lots' is not a number"));
        MiniData.write(d.resolve("train.jsonl"), "{\"t\": \"a\", \"y\": 0.25}\n");
        RawTask task = SpecTaskReader.read(spec);
        assertEquals(TaskKind.REGRESSION, task.kind());
        assertEquals(List.of(), task.labels());
        assertEquals("0.25", task.split("train").get(0).label());
    }

    @Test
    void aLabelOutsideTheGivenSetNamesFileAndLine() {
        Path d = dir("yn");
        MiniData.write(d.resolve("train.csv"), "text,label\na,yes\nb,maybe\n");
        Path spec = MiniData.write(d.resolve("task.json"), "{\"text_fields\": [\"text\"], \"label_field\": "
                + "\"label\", \"labels\": [\"yes\", \"no\"], \"files\": {\"train\": \"train.csv\"}}");
        assertEquals("yn/train.csv:3: label 'maybe' is not one of [yes, no]", fails(spec).getMessage());
    }

    @Test
    void aLabelNotSeenInTrainingIsAnErrorInOtherSplits() {
        Path d = dir("inf");
        MiniData.write(d.resolve("train.csv"), "text,label\na,yes\nb,no\n");
        MiniData.write(d.resolve("dev.csv"), "text,label\na,perhaps\n");
        Path spec = MiniData.write(d.resolve("task.json"), "{\"text_fields\": [\"text\"], \"label_field\": "
                + "\"label\", \"files\": {\"validation\": \"dev.csv\", \"train\": \"train.csv\"}}");
        assertEquals("inf/dev.csv:2: label 'perhaps' is not one of [no, yes]", fails(spec).getMessage());
    }

    @Test
    void malformedRecordsNameFileAndLine() {
        Path d = dir("bad");
        Path spec = MiniData.write(d.resolve("task.json"), "{\"text_fields\": [\"text\"], \"label_field\": "
                + "\"label\", \"files\": {\"train\": \"train.csv\"}}");
        MiniData.write(d.resolve("train.csv"), "text,label\na,yes\nb,c,no\n");
        assertEquals("bad/train.csv:3: expected 2 CSV fields ([text, label]), found 3", fails(spec).getMessage());
        MiniData.write(d.resolve("train.csv"), "text,label\na,yes\n\"open,no\n");
        assertTrue(fails(spec).getMessage().startsWith("bad/train.csv:3: quoted field is never closed"));
        MiniData.write(d.resolve("train.csv"), "text,label\na,yes\nb,\n");
        assertTrue(fails(spec).getMessage().startsWith("bad/train.csv:3: missing label 'label'"));
        MiniData.write(d.resolve("train.csv"), "words,label\na,yes\n");
        assertTrue(fails(spec).getMessage().startsWith("bad/train.csv:1: the header has no column 'text'"));
    }

    @Test
    void badSpecsAreNamed() {
        Path d = dir("spec");
        Path spec = d.resolve("task.json");
        MiniData.write(spec, "{\"text_fields\": [\"t\"], \"label_field\": \"y\", \"lables\": [], "
                + "\"files\": {\"train\": \"train.jsonl\"}}");
        assertTrue(fails(spec).getMessage().contains("unknown key 'lables'"));
        MiniData.write(spec, "{\"text_fields\": [\"t\"], \"label_field\": \"y\", \"files\": {\"dev\": \"d.jsonl\"}}");
        assertTrue(fails(spec).getMessage().contains("has no 'train' entry"));
        MiniData.write(spec, "{\"format\": \"xml\", \"text_fields\": [\"t\"], \"label_field\": \"y\", "
                + "\"files\": {\"train\": \"train.jsonl\"}}");
        assertTrue(fails(spec).getMessage().contains("format 'xml' is not one of [jsonl, csv, tsv, squad, mrqa]"));
        MiniData.write(spec, "{\"text_fields\": [\"t\"], \"label_field\": \"y\", \"files\": {\"train\": \"t.jsonl\"}}");
        String msg = fails(spec).getMessage();
        assertTrue(msg.startsWith("spec/t.jsonl: missing required file"), msg);
        MiniData.write(spec, "{\"text_fields\": [\"t\"], ");
        assertTrue(fails(spec).getMessage().contains("not valid JSON"));
        MiniData.write(spec, "{\"name\": \"Has Spaces\", \"text_fields\": [\"t\"], \"label_field\": \"y\", "
                + "\"files\": {\"train\": \"t.jsonl\"}}");
        assertTrue(fails(spec).getMessage().contains("name 'Has Spaces' must be lower-case"));
    }

    @Test
    void specValidatesInItsConstructor() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new TaskSpec("t", FileFormat.CSV,
                List.of("a"), "a", List.of(), TaskKind.CLASSIFICATION, Map.of("train", "x.csv")));
        assertEquals("label_field 'a' is also one of text_fields [a]", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new TaskSpec("t", FileFormat.CSV, List.of("a"), "b",
                List.of("x"), TaskKind.REGRESSION, Map.of("train", "x.csv")));
        assertTrue(e.getMessage().startsWith("labels [x] given for a regression task"));
    }
}
