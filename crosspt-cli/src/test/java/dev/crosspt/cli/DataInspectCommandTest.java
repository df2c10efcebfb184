package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.cli.CliTestSupport.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./crosspt data inspect DIR}: what the readers find in the repository's mini datasets, and bad input. */
class DataInspectCommandTest {

    private static final Path GLUE = CliTestSupport.testdata().resolve("glue-mini");
    private static final Path SUPERGLUE = CliTestSupport.testdata().resolve("superglue-mini");

    @Test
    void glueMiniListsEveryTaskWithSplitsSkipsAndAnExample() {
        Run run = CliTestSupport.run("data", "inspect", GLUE.toString());
        assertEquals(0, run.exitCode(), run::describe);
        String out = run.out();
        assertTrue(out.startsWith("9 tasks in " + GLUE), run::describe);
        for (String task : List.of("cola", "sst2", "mrpc", "qqp", "stsb", "mnli", "qnli", "rte", "wnli")) {
            assertTrue(Pattern.compile("(?m)^" + task + " \\(").matcher(out).find(), () -> task + "\n" + run.describe());
        }
        // MNLI's five splits, in the section that belongs to it
        String mnli = section(out, "mnli");
        for (String split : List.of("train", "validation_matched", "validation_mismatched", "test_matched",
                "test_mismatched")) {
            assertTrue(Pattern.compile("(?m)^  " + split + " +\\d+ ").matcher(mnli).find(), () -> split + "\n" + mnli);
        }
        assertTrue(mnli.contains("(classification, labels [entailment, neutral, contradiction])"), mnli);
        // the rows the readers skipped, with the reason, under the task they were skipped from
        assertTrue(mnli.contains("skipped 1: mnli dev_matched.tsv: rows with gold_label '-' or empty"), mnli);
        String qqp = section(out, "qqp");
        assertTrue(qqp.contains("skipped 1: qqp train.tsv: rows with missing fields"), qqp);
        assertTrue(!section(out, "rte").contains("skipped"), run::describe);
        // one formatted example per task: RTE's first training row, as the model will see it
        String rte = section(out, "rte");
        assertTrue(rte.contains("example (RTE/train.tsv:2):"), rte);
        assertTrue(rte.contains("    input:  rte sentence1: No Weapons of Mass Destruction Found in Iraq Yet."), rte);
        assertTrue(rte.contains("    target: not_entailment"), rte);
        assertTrue(section(out, "stsb").contains("(regression, labels numeric)"), run::describe);
        assertEquals(9, countMatches(out, "(?m)^    input:  "), run::describe);
        assertEquals(9, countMatches(out, "(?m)^    target: "), run::describe);
        assertEquals("", run.err(), run::describe);
    }

    @Test
    void superGlueMiniListsItsFiveTasks() {
        Run run = CliTestSupport.run("data", "inspect", SUPERGLUE.toString());
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().startsWith("5 tasks in "), run::describe);
        List<String> headings = run.out().lines().filter(l -> l.matches("[a-z-]+ \\(.*"))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertEquals(List.of("boolq", "cb", "copa", "sg-rte", "wic"), headings, run::describe);
    }

    @Test
    void oneTaskDirectoryIsOneTask() {
        Run run = CliTestSupport.run("data", "inspect", GLUE.resolve("RTE").toString());
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().startsWith("1 task in "), run::describe);
        assertTrue(run.out().contains("\nrte (classification"), run::describe);
        assertEquals(1, countMatches(run.out(), "(?m)^    input:  "), run::describe);
    }

    @Test
    void missingDirectoryIsBadInputOnOneLine(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-data");
        Run run = CliTestSupport.run("data", "inspect", missing.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run::describe);
        assertTrue(lines.get(0).startsWith("crosspt: "), run::describe);
        assertTrue(lines.get(0).contains(missing.toString()), run::describe);
        assertEquals("", run.out(), run::describe);
    }

    @Test
    void malformedRowIsBadInputNamingFileAndLine(@TempDir Path tmp) throws IOException {
        Path rte = tmp.resolve("RTE");
        copyDir(GLUE.resolve("RTE"), rte);
        Path train = rte.resolve("train.tsv");
        List<String> rows = new ArrayList<>(Files.readAllLines(train, StandardCharsets.UTF_8));
        assertTrue(rows.size() >= 3 && rows.get(2).split("\t").length == 4, "fixture row 3: " + rows);
        rows.set(2, rows.get(2).replace('\t', ' ')); // line 3: one field instead of four
        Files.write(train, rows, StandardCharsets.UTF_8);

        for (Path target : List.of(rte, tmp)) { // the task directory, and the folder that holds it
            Run run = CliTestSupport.run("data", "inspect", target.toString());
            assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
            List<String> lines = run.err().lines().toList();
            assertEquals(1, lines.size(), run::describe);
            assertTrue(lines.get(0).startsWith("crosspt: "), run::describe);
            assertTrue(lines.get(0).contains("train.tsv:3"), run::describe);
            assertTrue(lines.get(0).contains("expected 4 tab-separated fields"), run::describe);
        }
    }

    /** The lines of one task's section: from its heading to the next blank line. */
    private static String section(String out, String task) {
        int start = out.indexOf("\n" + task + " (");
        assertTrue(start >= 0, () -> "no section for " + task + " in\n" + out);
        int end = out.indexOf("\n\n", start + 1);
        return out.substring(start + 1, end < 0 ? out.length() : end);
    }

    private static int countMatches(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void generativeTasksShowFreeTextTargetsAndCountTheInputsTrainingCuts(@TempDir Path tmp) throws IOException {
        Path squad = tmp.resolve("squad");
        Files.createDirectories(squad);
        String file = "{\"data\": [{\"title\": \"t\", \"paragraphs\": [{\"context\": \"the big cat went to my house "
                + "and then the big cat went to the house of the other cat\", \"qas\": [{\"id\": \"1\", \"question\": "
                + "\"who went?\", \"answers\": [{\"text\": \"the big cat\", \"answer_start\": 0}, {\"text\": \"cat\", "
                + "\"answer_start\": 8}]}, {\"id\": \"2\", \"question\": \"where?\", \"answers\": [{\"text\": "
                + "\"my house\", \"answer_start\": 18}]}]}]}]}";
        Files.writeString(squad.resolve("train-v1.1.json"), file);
        Files.writeString(squad.resolve("dev-v1.1.json"), file);
        Run run = CliTestSupport.run("data", "inspect", squad.toString());
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().contains("squad (answer, labels free text)"), run::describe);
        assertTrue(run.out().contains("1 with several gold answers, longest target 3 words"), run::describe);
        assertTrue(run.out().contains("    input:  squad question: who went? context: the big cat"), run::describe);
        assertTrue(run.out().contains("    target: the big cat"), run::describe);
        // both inputs are over 8 tokens with the fixture's tokenizer; none reaches 400
        Run cut = CliTestSupport.run("data", "inspect", squad.toString(), "--tokenizer",
                CliTestSupport.fixture("t5-tiny-relu").toString(), "--max-input-tokens", "8");
        assertTrue(cut.out().contains("2 of them cut to 8 input tokens"), cut::describe);
        Run none = CliTestSupport.run("data", "inspect", squad.toString(), "--tokenizer",
                CliTestSupport.fixture("t5-tiny-relu").toString());
        assertTrue(none.out().contains("0 of them cut to 400 input tokens"), none::describe);
    }
}
