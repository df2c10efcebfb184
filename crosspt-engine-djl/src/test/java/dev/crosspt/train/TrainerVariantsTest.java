package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.data.TaskData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every variant trains through the same loop, with the prompts and router it promises; the initialised variants
 * start from the source bank an SL run wrote, and refuse one of another shape.
 */
class TrainerVariantsTest {

    private static final int SOURCES = 2;
    private static final int LENGTH = 4;

    @AutoClose
    private static BackboneAdapter backbone;

    @TempDir
    private static Path slDir;

    private static List<TaskData> tasks;
    private static TrainingResult slResult;

    @BeforeAll
    static void trainSl() {
        backbone = TrainerTestSupport.loadBackbone();
        tasks = TrainerTestSupport.tasks();
        slResult = TrainerTestSupport.train(backbone, tasks, settings(Variant.SL).build(), slDir, TrainingListener.none());
    }

    private static TrainingSettings.Builder settings(Variant variant) {
        return TrainerTestSupport.settings().variant(variant).sources(SOURCES).promptLength(LENGTH).steps(10).evalEvery(5);
    }

    private static Path bank() {
        return slDir.resolve(MultiTaskTrainer.SOURCE_BANK);
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"P", "SL", "SLP", "MT_P"})
    void learnedVariantsTrainWithTheirRouter(Variant variant, @TempDir Path dir) {
        TrainingResult result = variant == Variant.SL ? slResult
                : TrainerTestSupport.train(backbone, tasks, settings(variant).build(), dir, TrainingListener.none());
        Path runDir = variant == Variant.SL ? slDir : dir;
        assertRan(variant, result);

        List<String> expectedCandidates = new ArrayList<>();
        if (variant.usesRouter()) {
            for (int s = 1; s <= SOURCES; s++) {
                expectedCandidates.add("source-" + s);
            }
            if (variant.usesPrivates()) {
                expectedCandidates.add("private");
            }
        }
        assertEquals(expectedCandidates, result.candidates(), variant + " router columns");
        if (variant.usesRouter()) {
            assertRouterRows(variant, result.routerWeights(), expectedCandidates.size());
        } else {
            assertNull(result.routerWeights(), variant + " has no router");
        }

        try (SafetensorsFile last = SafetensorsFile.open(runDir.resolve(MultiTaskTrainer.LAST_CHECKPOINT))) {
            assertEquals(variant.usesPrivates(), last.has("param/privates"), variant + " private prompts");
            assertEquals(variant != Variant.P, last.has("param/sources"), variant + " source prompts");
            assertEquals(variant.usesRouter(), last.has("param/router"), variant + " router");
            if (variant == Variant.MT_P) {
                assertArrayEquals(new long[] {1, LENGTH, 64}, last.info("param/sources").shape(), "MT-P shares one prompt");
            } else if (variant != Variant.P) {
                assertArrayEquals(new long[] {SOURCES, LENGTH, 64}, last.info("param/sources").shape());
            }
            if (variant.usesPrivates()) {
                assertArrayEquals(new long[] {tasks.size(), LENGTH, 64}, last.info("param/privates").shape());
            }
        }
        assertEquals(variant != Variant.P, Files.isRegularFile(runDir.resolve(MultiTaskTrainer.SOURCE_BANK)),
                variant + ": a source bank exactly when there are sources");
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"SIL", "SILP"})
    void initialisedVariantsStartFromTheSavedSourceBank(Variant variant, @TempDir Path dir) {
        float[] saved = TrainerTestSupport.tensor(bank(), SourceBank.TENSOR);
        Path initial = dir.resolve("checkpoint-step-0.safetensors");
        TrainingSettings settings = settings(variant).sourceBank(bank()).build();
        TrainingResult result = TrainerTestSupport.train(backbone, tasks, settings, dir, new TrainingListener() {
            @Override
            public void onStep(int step, double loss) {
                if (step == 0) {
                    // after the first step the last checkpoint still holds the untrained prompts of step 0
                    TrainerTestSupport.copy(dir.resolve(MultiTaskTrainer.LAST_CHECKPOINT), initial);
                }
            }
        });
        assertRan(variant, result);
        int k = SOURCES + (variant.usesPrivates() ? 1 : 0);
        assertEquals(k, result.candidates().size(), result.candidates().toString());
        assertRouterRows(variant, result.routerWeights(), k);
        assertArrayEquals(saved, TrainerTestSupport.tensor(initial, "param/sources"),
                variant + " did not start from the SL run's source bank");
        assertTrue(TrainerTestSupport.maxAbsDifference(saved,
                TrainerTestSupport.tensor(dir.resolve(MultiTaskTrainer.LAST_CHECKPOINT), "param/sources")) > 1e-4,
                variant + ": the sources never moved from the bank");
    }

    @Test
    void aSourceBankOfAnotherShapeIsRefusedNamingTheFileAndBothShapes(@TempDir Path dir) {
        TrainingSettings threeSources = settings(Variant.SILP).sources(SOURCES + 1).sourceBank(bank()).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new MultiTaskTrainer(backbone, tasks, threeSources, dir, TrainingListener.none()).close());
        String message = e.getMessage();
        assertTrue(message.contains(bank().toString()), "names the file: " + message);
        assertTrue(message.contains("[" + SOURCES + ", " + LENGTH + ", 64]"), "names the bank's shape: " + message);
        assertTrue(message.contains("[" + (SOURCES + 1) + ", " + LENGTH + ", 64]"), "names the needed shape: " + message);
    }

    @Test
    void anInitialisedVariantWithoutABankIsABadSetting() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> settings(Variant.SIL).build());
        assertTrue(e.getMessage().contains("source-bank"), e.getMessage());
    }

    private static void assertRan(Variant variant, TrainingResult result) {
        assertFalse(result.stoppedEarly(), () -> variant + ": " + result.stopReason());
        assertEquals(10, result.lossCurve().size(), variant + " loss points");
        for (double[] p : result.lossCurve()) {
            assertTrue(Double.isFinite(p[1]) && p[1] > 0, variant + " loss " + p[1] + " at step " + p[0]);
        }
        assertEquals(3, result.devCurve().size(), variant + ": dev at steps 0, 5 and 10");
        assertEquals(tasks.size(), result.testScores().size());
        for (double score : result.testScores()) {
            assertTrue(score >= 0 && score <= 1, variant + " test score " + score);
        }
    }

    private static void assertRouterRows(Variant variant, double[][] weights, int k) {
        assertNotNull(weights, variant + " router weights");
        assertEquals(tasks.size(), weights.length, variant + " router rows");
        for (int t = 0; t < weights.length; t++) {
            assertEquals(k, weights[t].length, variant + " router columns of task " + t);
            double sum = 0;
            for (double w : weights[t]) {
                assertTrue(w >= 0 && w <= 1, variant + " router weight " + w);
                sum += w;
            }
            assertEquals(1.0, sum, 1e-5, variant + " router row " + t + " sums to " + sum);
        }
    }
}
