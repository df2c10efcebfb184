package dev.crosspt.data.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.Example;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import dev.crosspt.data.format.TaskFormatter;
import dev.crosspt.data.format.Verbalizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQuAD, MRQA and summarisation data read as generative tasks. */
class GenerationReadersTest {

    private static final String SQUAD_V1 = """
            {"version": "1.1", "data": [{"title": "Broncos", "paragraphs": [
              {"context": "The Denver Broncos won Super Bowl 50.", "qas": [
                {"id": "a1", "question": "Who won?", "answers": [{"text": "Denver Broncos", "answer_start": 4},
                  {"text": "The Denver Broncos", "answer_start": 0}, {"text": "Denver Broncos", "answer_start": 4}]},
                {"id": "a2", "question": "Which Super Bowl?", "answers": [{"text": "50", "answer_start": 34}]}]}]}]}
            """;

    private static final String SQUAD_V2 = """
            {"version": "v2.0", "data": [{"title": "T", "paragraphs": [{"context": "Cats purr.", "qas": [
              {"id": "b1", "question": "What do cats do?", "answers": [{"text": "purr", "answer_start": 5}],
               "is_impossible": false},
              {"id": "b2", "question": "What do dogs do?", "answers": [], "plausible_answers":
               [{"text": "purr", "answer_start": 5}], "is_impossible": true}]}]}]}
            """;

    @TempDir
    Path tmp;

    @Test
    void squadDirectoryKeepsEveryDistinctGoldAnswer() {
        Path dir = tmp.resolve("SQuAD");
        MiniData.write(dir.resolve("train-v1.1.json"), SQUAD_V1);
        MiniData.write(dir.resolve("dev-v1.1.json"), SQUAD_V1.replace("\"a1\"", "\"d1\"").replace("\"a2\"", "\"d2\""));
        RawTask task = DatasetReader.read(dir);
        assertEquals("squad", task.name());
        assertEquals(TaskKind.ANSWER, task.kind());
        assertEquals(List.of(), task.labels());
        RawExample first = task.split("train").get(0);
        assertEquals("Denver Broncos", first.label());
        assertEquals(List.of("Denver Broncos", "The Denver Broncos"), first.answers());
        assertEquals(Map.of("question", "Who won?", "context", "The Denver Broncos won Super Bowl 50."),
                first.fields());
        assertTrue(first.origin().contains("train-v1.1.json: data[0].paragraphs[0].qas[0] (id a1)"), first.origin());
        assertEquals(2, task.split("validation").size());
        // T5's SQuAD input: question first, the target is the first answer
        Example formatted = TaskFormatter.forTask(task, Verbalizer.natural(task), true).format(first);
        assertEquals(new Example("squad question: Who won? context: The Denver Broncos won Super Bowl 50.",
                "Denver Broncos"), formatted);
    }

    @Test
    void squadTwoUnanswerableQuestionsGetOneTarget() {
        Path dir = tmp.resolve("squad2");
        MiniData.write(dir.resolve("train-v2.0.json"), SQUAD_V2);
        MiniData.write(dir.resolve("dev-v2.0.json"), SQUAD_V2);
        RawTask task = DatasetReader.read(dir);
        assertEquals(List.of("purr", QuestionAnswerReader.UNANSWERABLE),
                task.split("train").stream().map(RawExample::label).toList());
    }

    @Test
    void squadErrorsNameTheFileAndJsonPath() {
        Path dir = tmp.resolve("bad");
        MiniData.write(dir.resolve("train-v1.1.json"), SQUAD_V1.replace("\"question\": \"Which Super Bowl?\", ", ""));
        MiniData.write(dir.resolve("dev-v1.1.json"), SQUAD_V1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("train-v1.1.json: data[0].paragraphs[0].qas[1].question: expected a string"),
                e.getMessage());

        MiniData.write(dir.resolve("train-v1.1.json"), "{\"data\": [\n{\"title\": \"x\",\n \"paragraphs\": [}]}");
        e = assertThrows(InvalidInputException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("train-v1.1.json: not valid JSON") && e.getMessage().contains("line 3"),
                e.getMessage());

        MiniData.write(dir.resolve("train-v1.1.json"), SQUAD_V1.replace(", \"answers\": [{\"text\": \"50\", "
                + "\"answer_start\": 34}]", ", \"answers\": []"));
        e = assertThrows(InvalidInputException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("qas[1].answers: question 'a2' has no answer"), e.getMessage());
    }

    @Test
    void mrqaThroughTaskJson() {
        Path dir = tmp.resolve("mrqa");
        Path spec = MiniData.write(dir.resolve("task.json"), """
                {"name": "newsqa", "format": "mrqa", "files": {"train": "train.jsonl", "validation": "dev.jsonl"}}
                """);
        String lines = "{\"header\": {\"dataset\": \"NewsQA\", \"split\": \"train\"}}\n"
                + "{\"context\": \"Paris is in France.\", \"qas\": [{\"qid\": \"q1\", \"question\": \"Where is Paris?\","
                + " \"answers\": [\"France\", \"in France\"]}, {\"qid\": \"q2\", \"question\": \"What is in France?\","
                + " \"answers\": [\"Paris\"]}]}\n\n";
        MiniData.write(dir.resolve("train.jsonl"), lines);
        MiniData.write(dir.resolve("dev.jsonl"), lines);
        RawTask task = SpecTaskReader.read(spec);
        assertEquals(TaskKind.ANSWER, task.kind());
        List<RawExample> train = task.split("train");
        assertEquals(2, train.size());
        assertEquals(List.of("France", "in France"), train.get(0).answers());
        assertEquals("Paris", train.get(1).label());
        assertTrue(train.get(1).origin().endsWith("train.jsonl:2 qas[1] (qid q2)"), train.get(1).origin());
        assertEquals(Map.of("newsqa train.jsonl: blank lines", 1, "newsqa dev.jsonl: blank lines", 1), task.skipped());

        MiniData.write(dir.resolve("train.jsonl"), lines.replace("\"answers\": [\"Paris\"]", "\"answers\": []"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SpecTaskReader.read(spec));
        assertTrue(e.getMessage().contains("train.jsonl:2 qas[1]: 'answers' must be a non-empty array"),
                e.getMessage());
        MiniData.write(dir.resolve("train.jsonl"), lines.substring(lines.indexOf('\n') + 1));
        e = assertThrows(InvalidInputException.class, () -> SpecTaskReader.read(spec));
        assertTrue(e.getMessage().contains("train.jsonl:1: expected MRQA's header line"), e.getMessage());
    }

    @Test
    void summariesRecogniseCnnDailyMailAndXsumFields() {
        Path cnn = tmp.resolve("cnn_dailymail");
        Path cnnSpec = MiniData.write(cnn.resolve("task.json"), """
                {"kind": "summary", "files": {"train": "train.csv", "validation": "validation.csv"}}
                """);
        String csv = "id,article,highlights\n1,\"A long, long article.\nSecond line.\",Short summary\n";
        MiniData.write(cnn.resolve("train.csv"), csv);
        MiniData.write(cnn.resolve("validation.csv"), csv);
        RawTask task = SpecTaskReader.read(cnnSpec);
        assertEquals(TaskKind.SUMMARY, task.kind());
        RawExample e = task.split("train").get(0);
        assertEquals(Map.of("article", "A long, long article.\nSecond line."), e.fields());
        assertEquals("Short summary", e.label());

        Path xsum = tmp.resolve("xsum");
        Path xsumSpec = MiniData.write(xsum.resolve("task.json"), """
                {"kind": "summary", "files": {"train": "train.jsonl", "validation": "dev.jsonl"}}
                """);
        String jsonl = "{\"document\": \"Rain fell all day.\", \"summary\": \"It rained.\", \"id\": \"7\"}\n";
        MiniData.write(xsum.resolve("train.jsonl"), jsonl);
        MiniData.write(xsum.resolve("dev.jsonl"), jsonl);
        RawTask x = SpecTaskReader.read(xsumSpec);
        assertEquals("It rained.", x.split("train").get(0).label());
        assertEquals(new Example("xsum document: Rain fell all day.", "It rained."),
                TaskFormatter.forTask(x, Verbalizer.natural(x), true).format(x.split("train").get(0)));

        MiniData.write(xsum.resolve("train.jsonl"), "{\"text\": \"a\", \"abstract\": \"b\"}\n");
        InvalidInputException err = assertThrows(InvalidInputException.class, () -> SpecTaskReader.read(xsumSpec));
        assertTrue(err.getMessage().contains("none of the known summary pairs"), err.getMessage());
    }

    @Test
    void summariesWithNamedFieldsAndBadSpecs() {
        Path dir = tmp.resolve("sum");
        MiniData.write(dir.resolve("train.jsonl"), "{\"body\": \"x y z\", \"tldr\": \"x\"}\n{\"body\": \"q\"}\n");
        Path spec = MiniData.write(dir.resolve("task.json"), """
                {"kind": "summary", "text_fields": ["body"], "label_field": "tldr", "files": {"train": "train.jsonl"}}
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SpecTaskReader.read(spec));
        assertTrue(e.getMessage().contains("train.jsonl:2: missing label 'tldr'"), e.getMessage());

        MiniData.write(dir.resolve("task.json"), """
                {"format": "squad", "kind": "summary", "files": {"train": "train.json"}}
                """);
        e = assertThrows(InvalidInputException.class, () -> SpecTaskReader.read(spec));
        assertTrue(e.getMessage().contains("kind must be answer"), e.getMessage());
        MiniData.write(dir.resolve("task.json"), """
                {"kind": "summary", "labels": ["a"], "text_fields": ["body"], "label_field": "tldr",
                 "files": {"train": "train.jsonl"}}
                """);
        e = assertThrows(InvalidInputException.class, () -> SpecTaskReader.read(spec));
        assertTrue(e.getMessage().contains("given for a summary task"), e.getMessage());
    }
}
