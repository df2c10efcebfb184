package dev.crosspt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import dev.crosspt.data.glue.DatasetReader;
import dev.crosspt.data.protocol.FewShotProtocol;
import dev.crosspt.data.protocol.Splits;
import dev.crosspt.metrics.text.GenerationMetrics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic question answering task: every answer is a word of its context, of the category asked for. */
class SyntheticAnswersTest {

    @TempDir
    Path tmp;

    @Test
    void answersAreTheOneCategoryWordOfTheirContext() {
        List<SyntheticAnswers.Question> questions = SyntheticAnswers.generate(200, 5);
        assertEquals(questions, SyntheticAnswers.generate(200, 5));
        for (SyntheticAnswers.Question q : questions) {
            int category = SyntheticAnswers.QUESTIONS.indexOf(q.question());
            List<String> words = Arrays.asList(q.context().split(" "));
            assertTrue(words.contains(q.answer()), q.toString());
            assertTrue(SyntheticSuite.CATEGORIES.get(category).contains(q.answer()), q.toString());
            // no other word of any category: the answer is unambiguous
            assertEquals(1, words.stream().filter(w -> SyntheticSuite.CATEGORIES.stream()
                    .anyMatch(c -> c.contains(w))).count(), q.toString());
        }
    }

    @Test
    void itsSquadFilesReadAsAQuestionAnsweringTask() {
        Path dir = SyntheticAnswers.writeSquad(tmp.resolve("answers"), 40, 20, 9);
        RawTask task = DatasetReader.read(dir);
        assertEquals("answers", task.name());
        assertEquals(TaskKind.ANSWER, task.kind());
        assertEquals(40, task.split("train").size());
        for (RawExample e : task.split("validation")) {
            assertTrue(Arrays.asList(e.fields().get("context").split(" ")).contains(e.label()), e.toString());
        }
        Splits splits = FewShotProtocol.builder().setK(8).optSeed(1).build().carve(task);
        assertEquals(8, splits.train().size());
        // copying the gold answers scores 1
        List<List<String>> golds = splits.test().stream().map(RawExample::answers).toList();
        List<String> copied = splits.test().stream().map(RawExample::label).toList();
        assertEquals(1.0, GenerationMetrics.primary(GenerationMetrics.answers(golds, copied)), 1e-12);
    }
}
