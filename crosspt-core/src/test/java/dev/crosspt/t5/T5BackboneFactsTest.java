package dev.crosspt.t5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.checkpoint.T5Config;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class T5BackboneFactsTest {

    @Test
    void promptInitIdsSkipSpecialTokensStayInTheFrequentVocabularyAndFollowTheSeed() {
        long[] ids = T5BackboneFacts.promptInitTokenIds(32128, 500, 7);
        assertTrue(Arrays.stream(ids).allMatch(id -> id >= 3 && id < T5BackboneFacts.INIT_VOCABULARY));
        assertArrayEquals(ids, T5BackboneFacts.promptInitTokenIds(32128, 500, 7));
        assertTrue(!Arrays.equals(ids, T5BackboneFacts.promptInitTokenIds(32128, 500, 8)));
        // a vocabulary smaller than the frequent range is used whole
        assertTrue(Arrays.stream(T5BackboneFacts.promptInitTokenIds(70, 500, 1)).allMatch(id -> id >= 3 && id < 70));
    }

    @Test
    void describeNamesTheShapeWeightsAndTokenLimits() {
        T5Config c = new T5Config(500, 64, 16, 128, 2, 2, 4, 8, 16, 0.1, 1e-6, "relu", false, true, true, 0, 0, 1);
        Map<String, String> d = T5BackboneFacts.describe("t5", Path.of("m"), "sha256:0123456789abcdef", c,
                "PyTorch 2.7.1", "cpu()", new BackboneOptions("m", "cpu", 0, 400, 8));
        assertEquals(List.of("backbone", "model", "shape", "weights", "engine", "device", "max_input_tokens",
                "max_target_tokens"), List.copyOf(d.keySet()));
        assertEquals("d_model 64, 2+2 layers, 4 heads, d_ff 128, vocab 500, relu", d.get("shape"));
        assertEquals("sha256:0123456789abcdef", d.get("weights"));
        assertEquals("400", d.get("max_input_tokens"));
    }

    @Test
    void promptInitialisationRedrawsExcludedIdsAndDrawsAsBeforeWithoutExclusions() {
        long[] plain = T5BackboneFacts.promptInitTokenIds(20, 500, 9);
        assertArrayEquals(plain, T5BackboneFacts.promptInitTokenIds(20, 500, 9, java.util.Set.of()));
        java.util.Set<Long> excluded = java.util.Set.of(3L, 4L, 10L);
        long[] filtered = T5BackboneFacts.promptInitTokenIds(20, 500, 9, excluded);
        assertTrue(Arrays.stream(plain).anyMatch(excluded::contains), "the plain draw has them");
        assertTrue(Arrays.stream(filtered).noneMatch(excluded::contains), Arrays.toString(filtered));
        assertTrue(Arrays.stream(filtered).allMatch(id -> id >= 3 && id < 20));
        assertEquals(java.util.Set.of(5L, 7L), T5BackboneFacts.wordTokenIds(List.of("a", "b"),
                w -> w.equals("a") ? new long[] {5, 1} : new long[] {7, 7, 2}));
    }
}
