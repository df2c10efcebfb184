package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

    /** Two articles, three questions; q2 has two gold answers, q3 three. */
    private static final String SQUAD = """
            {"version": "1.1", "data": [
              {"title": "Super_Bowl", "paragraphs": [{"context": "The Denver Broncos won.", "qas": [
                {"id": "q1", "question": "Who won?", "answers": [{"text": "Denver Broncos", "answer_start": 4}]},
                {"id": "q2", "question": "Which team?", "answers": [{"text": "the Broncos", "answer_start": 4},
                  {"text": "Denver Broncos", "answer_start": 4}]}]}]},
              {"title": "Fruit", "paragraphs": [{"context": "An apple a day.", "qas": [
                {"id": "q3", "question": "What a day?", "answers": [{"text": "an apple", "answer_start": 0},
                  {"text": "apple", "answer_start": 3}, {"text": "one apple", "answer_start": 0}]}]}]}]}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void squadScoresAsTheOfficialScript() throws IOException {
        Path refs = write("dev.json", SQUAD);
        // q1: exact after normalisation; q2: "Broncos" matches "the Broncos"; q3: "apple pie" vs "apple" F1 2/3
        Path preds = write("preds.json", "{\"q1\": \"the denver broncos!\", \"q2\": \"Broncos\", \"q3\": \"apple pie\"}");
        CliTestSupport.Run run = CliTestSupport.run("score", "squad", "--predictions", preds.toString(),
                "--references", refs.toString(), "--json");
        assertEquals(0, run.exitCode(), run.describe());
        JsonObject o = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(200.0 / 3, o.get("exact_match").getAsDouble(), 1e-9);
        assertEquals(100.0 * (1 + 1 + 2 / 3.0) / 3, o.get("f1").getAsDouble(), 1e-9);
        assertEquals("", run.err());
    }

    @Test
    void squadCountsMissingPredictionsAsZeroWithAWarning() throws IOException {
        Path refs = write("dev.json", SQUAD);
        Path preds = write("preds.json", "{\"q1\": \"Denver Broncos\", \"unknown\": \"x\"}");
        CliTestSupport.Run run = CliTestSupport.run("score", "squad", "--predictions", preds.toString(),
                "--references", refs.toString());
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.out().contains("exact match 33.33, F1 33.33 over 3 questions"), run.describe());
        assertTrue(run.err().contains("2 of 3 questions have no prediction") && run.err().contains("q2, q3"),
                run.describe());
    }

    @Test
    void squadScoresUnanswerableQuestionsAsVersionTwoDoes() throws IOException {
        Path refs = write("dev.json", """
                {"version": "v2.0", "data": [{"title": "T", "paragraphs": [{"context": "c", "qas": [
                  {"id": "a", "question": "?", "answers": [], "is_impossible": true},
                  {"id": "b", "question": "?", "answers": [], "is_impossible": true}]}]}]}
                """);
        Path preds = write("preds.json", "{\"a\": \"\", \"b\": \"something\"}");
        CliTestSupport.Run run = CliTestSupport.run("score", "squad", "--predictions", preds.toString(),
                "--references", refs.toString(), "--json");
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("{\"exact_match\": 50.0, \"f1\": 50.0}", run.out().strip());
    }

    @Test
    void squadBadJsonNamesTheFileAndLine() throws IOException {
        Path refs = write("dev.json", SQUAD);
        Path preds = write("preds.json", "{\"q1\": \"a\",\n \"q2\": }\n");
        CliTestSupport.Run run = CliTestSupport.run("score", "squad", "--predictions", preds.toString(),
                "--references", refs.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertTrue(run.err().contains(preds + ": not valid JSON") && run.err().contains("line 2"), run.describe());

        Path badRefs = write("bad.json", "{\"data\": [{\"paragraphs\": [{\"context\": \"c\", \"qas\": "
                + "[{\"id\": \"q1\", \"question\": \"?\", \"answers\": [{\"answer_start\": 0}]}]}]}]}");
        run = CliTestSupport.run("score", "squad", "--predictions", write("p.json", "{}").toString(),
                "--references", badRefs.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertTrue(run.err().contains(badRefs + ": data[0].paragraphs[0].qas[0].answers[0].text: expected a string"),
                run.describe());
    }

    @Test
    void rougeScoresLineByLine() throws IOException {
        // line 1: rouge-score's README example; line 2: an empty prediction scores 0; line 3: identical
        Path refs = write("refs.txt", "The quick brown fox jumps over the lazy dog\nsome reference\nsame text\n");
        Path preds = write("preds.txt", "The quick brown dog jumps on the log.\n\nsame text\n");
        CliTestSupport.Run run = CliTestSupport.run("score", "rouge", "--predictions", preds.toString(),
                "--references", refs.toString(), "--json");
        assertEquals(0, run.exitCode(), run.describe());
        JsonObject o = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals((0.7058823529411765 + 0 + 1) / 3, o.get("rouge1").getAsDouble(), 1e-12);
        assertEquals((4 / 15.0 + 0 + 1) / 3, o.get("rouge2").getAsDouble(), 1e-12);
        assertEquals((0.5882352941176471 + 0 + 1) / 3, o.get("rougeL").getAsDouble(), 1e-12);
    }

    @Test
    void rougeStemsWhenAsked() throws IOException {
        Path refs = write("refs.txt", "the cat runs\n");
        Path preds = write("preds.txt", "running cats\n");
        CliTestSupport.Run plain = CliTestSupport.run("score", "rouge", "--predictions", preds.toString(),
                "--references", refs.toString(), "--json");
        CliTestSupport.Run stemmed = CliTestSupport.run("score", "rouge", "--predictions", preds.toString(),
                "--references", refs.toString(), "--stemmer", "--json");
        assertEquals(0.0, JsonParser.parseString(plain.out()).getAsJsonObject().get("rouge1").getAsDouble());
        assertEquals(0.8, JsonParser.parseString(stemmed.out()).getAsJsonObject().get("rouge1").getAsDouble(),
                1e-12, stemmed.describe());
    }

    @Test
    void rougeRejectsFilesOfDifferentLengths() throws IOException {
        Path refs = write("refs.txt", "one\ntwo\nthree\n");
        Path preds = write("preds.txt", "one\ntwo\n");
        CliTestSupport.Run run = CliTestSupport.run("score", "rouge", "--predictions", preds.toString(),
                "--references", refs.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertTrue(run.err().contains(preds + " has 2 lines but " + refs + " has 3: " + refs + ":3 has no counterpart"),
                run.describe());
    }

    @Test
    void rougeReadsLinesAsRougeScoreDoes() throws IOException {
        assertEquals(java.util.List.of("a", "", "b"), ScoreRougeCommand.records(write("x.txt", "a\r\n\nb\n")));
        // no final line break: the last text still counts
        assertEquals(java.util.List.of("a", "b"), ScoreRougeCommand.records(write("y.txt", "a\nb")));
        assertEquals(java.util.List.of(), ScoreRougeCommand.records(write("z.txt", "")));
    }

    @Test
    void jsonIsWrittenAsPythonWritesIt() {
        java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
        values.put("exact_match", 100.0 / 3);
        values.put("f1", 100.0);
        assertEquals("{\"exact_match\": 33.333333333333336, \"f1\": 100.0}", PythonJson.object(values));
        // Python's repr: plain from 1e-4, scientific below, with a two-digit exponent
        assertEquals("0.0001", PythonJson.repr(1e-4));
        assertEquals("1.5e-05", PythonJson.repr(1.5e-5));
        assertEquals("1e-07", PythonJson.repr(1e-7));
        assertEquals("0.0", PythonJson.repr(0.0));
        assertEquals("0.7166666666666667", PythonJson.repr(0.7166666666666667));
    }
}
