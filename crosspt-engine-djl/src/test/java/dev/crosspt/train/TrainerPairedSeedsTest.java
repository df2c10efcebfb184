package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.data.TaskData;
import dev.crosspt.djl.TestFixtures;
import dev.crosspt.t5.T5BackboneFacts;
import dev.crosspt.t5.T5Tokenizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With one seed every variant starts from the same private prompts and the same sources where it has them, so
 * that paired comparisons over seeds pair like with like; prompts are drawn without the tasks' words.
 */
class TrainerPairedSeedsTest {

    @AutoClose
    private static BackboneAdapter backbone;

    private static List<TaskData> tasks;

    @BeforeAll
    static void load() {
        backbone = TrainerTestSupport.loadBackbone();
        tasks = TrainerTestSupport.tasks();
    }

    private static Map<String, float[]> initial(Variant variant, long seed) {
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks,
                TrainerTestSupport.settings().variant(variant).seed(seed).build(), null, TrainingListener.none())) {
            return trainer.snapshot();
        }
    }

    @Test
    void theSameSeedGivesPAndSlpTheSamePrivatePromptsAndSlAndSlpTheSameSources() {
        Map<String, float[]> p = initial(Variant.P, 7);
        Map<String, float[]> sl = initial(Variant.SL, 7);
        Map<String, float[]> slp = initial(Variant.SLP, 7);
        assertArrayEquals(p.get("privates"), slp.get("privates"), "P and SLP: same initial private prompts");
        assertArrayEquals(sl.get("sources"), slp.get("sources"), "SL and SLP: same initial sources");
        assertFalse(Arrays.equals(p.get("privates"), initial(Variant.P, 8).get("privates")),
                "another seed draws other prompts");
    }

    @Test
    void taskWordsAreTheLabelWordsAndTheTaskNamesWholeAndInParts() {
        List<String> words = MultiTaskTrainer.taskWords(tasks);
        for (String word : List.of("yes", "no", "has-software", "has", "software", "copy", "free")) {
            assertTrue(words.contains(word), word + " in " + words);
        }
        assertEquals(words.size(), words.stream().distinct().count(), words.toString());
    }

    @Test
    void furtherWordsJoinTheTasksWordsAndStayOutWhenTheTasksWordsAreLetIn() {
        TrainingSettings both = TrainerTestSupport.settings().initExcludeWords(List.of("colour", "yes")).build();
        List<String> words = MultiTaskTrainer.excludedWords(both, tasks);
        assertTrue(words.containsAll(MultiTaskTrainer.taskWords(tasks)), words.toString());
        assertTrue(words.contains("colour"), words.toString());
        assertEquals(words.size(), words.stream().distinct().count(), words.toString());
        TrainingSettings further = TrainerTestSupport.settings().initExcludeTaskWords(false)
                .initExcludeWords(List.of("colour")).build();
        assertEquals(List.of("colour"), MultiTaskTrainer.excludedWords(further, tasks));
        assertEquals(List.of(), MultiTaskTrainer.excludedWords(
                TrainerTestSupport.settings().initExcludeTaskWords(false).build(), tasks));
    }

    @Test
    void theInitialisationPoolLeavesOutTheTasksWords() {
        List<String> words = MultiTaskTrainer.taskWords(tasks);
        Set<Long> excluded;
        try (T5Tokenizer tokenizer = T5Tokenizer.load(TestFixtures.fixture(TestFixtures.RELU), 0, 1)) {
            excluded = T5BackboneFacts.wordTokenIds(words, tokenizer::encode);
        }
        assertFalse(excluded.isEmpty());
        int d = backbone.embeddingDim();
        int count = 4000;
        // the embedding row of every id, from an unfiltered draw whose ids are known
        long[] ids = T5BackboneFacts.promptInitTokenIds(500, count, 3);
        Map<Long, float[]> rows = new HashMap<>();
        try (NDManager scope = backbone.newScope()) {
            float[] all = backbone.sampleTokenEmbeddings(scope, count, 3).toFloatArray();
            for (int i = 0; i < count; i++) {
                rows.put(ids[i], Arrays.copyOfRange(all, i * d, (i + 1) * d));
            }
            assertTrue(rows.keySet().containsAll(excluded), "every excluded id was drawn once at least");
            float[] filtered = backbone.sampleTokenEmbeddings(scope, count, 3, words).toFloatArray();
            Set<Long> drawn = new HashSet<>();
            for (int i = 0; i < count; i++) {
                float[] row = Arrays.copyOfRange(filtered, i * d, (i + 1) * d);
                rows.forEach((id, known) -> {
                    if (Arrays.equals(known, row)) {
                        drawn.add(id);
                    }
                });
            }
            assertFalse(drawn.isEmpty());
            drawn.retainAll(excluded);
            assertEquals(Set.of(), drawn, "no prompt row is a task word's token");
        }
    }
}
