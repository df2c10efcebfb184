package dev.crosspt.plugins.builtin.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;
import dev.crosspt.plugins.builtin.Reference;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.SourceSelectorContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TopKSelectorTest implements SourceSelectorContract, PluginProviderContract<SourceSelectorProvider> {

    /** Two rows of five distinct logits: row 0 keeps columns 2 and 4, row 1 keeps columns 0 and 3 (k = 2). */
    private static final float[] LOGITS = {0.1f, -1f, 2f, 0.5f, 1.5f, 3f, 0f, -2f, 2.5f, 1f};

    @Override
    public SourceSelector createSelector() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public SourceSelectorProvider provider() {
        return new TopKSelectorProvider();
    }

    @Override
    public Class<SourceSelectorProvider> kind() {
        return SourceSelectorProvider.class;
    }

    @Override
    public void createWithSettings(PluginSettings settings) {
        provider().create(settings);
    }

    /**
     * The contract again, keeping three of five candidates. (Not with k = 1: the weights are then a constant one-hot
     * row and, rightly, give the logits no gradient.)
     */
    @Nested
    class TopThreeOfFive implements SourceSelectorContract {
        @Override
        public SourceSelector createSelector() {
            return create(Map.of("k", 3));
        }

        @Override
        public int candidates() {
            return 5;
        }
    }

    @Test
    void topOneIsAOneHotRowOnTheLargestLogit() {
        try (NDManager manager = Reference.manager()) {
            float[] w = create(Map.of("k", 1)).select(manager.create(LOGITS, new Shape(2, 5)), Reference.evaluation(manager))
                    .toFloatArray();
            assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 0, 0}, w);
        }
    }

    @Test
    void keepsExactlyTheKLargestPerRowAndZerosTheRest() {
        try (NDManager manager = Reference.manager()) {
            float[] w = create(Map.of()).select(manager.create(LOGITS, new Shape(2, 5)), Reference.evaluation(manager))
                    .toFloatArray();
            float[] expected = new float[10];
            float[] row0 = Reference.softmax(new float[] {2f, 1.5f}, 2, 1.0);
            float[] row1 = Reference.softmax(new float[] {3f, 2.5f}, 2, 1.0);
            expected[2] = row0[0];
            expected[4] = row0[1];
            expected[5] = row1[0];
            expected[8] = row1[1];
            assertArrayEquals(expected, w, 1e-6f);
            int nonZero = 0;
            for (float v : w) {
                nonZero += v != 0f ? 1 : 0;
            }
            assertEquals(4, nonZero, "exactly k = 2 non-zero weights per row");
        }
    }

    @Test
    void temperatureDividesTheKeptLogits() {
        try (NDManager manager = Reference.manager()) {
            float[] w = create(Map.of("k", 2, "temperature", 0.5))
                    .select(manager.create(LOGITS, new Shape(2, 5)), Reference.evaluation(manager)).toFloatArray();
            float[] row0 = Reference.softmax(new float[] {2f, 1.5f}, 2, 2.0);
            assertEquals(row0[0], w[2], 1e-6f);
            assertEquals(row0[1], w[4], 1e-6f);
        }
    }

    @Test
    void droppedLogitsGetNoGradientAndKeptOnesDo() {
        try (NDManager manager = Reference.manager()) {
            NDArray logits = manager.create(LOGITS, new Shape(2, 5));
            logits.setRequiresGradient(true);
            NDArray target = manager.create(new float[] {1, 2, 3, 4, 5, -1, -2, -3, -4, -5}, new Shape(2, 5));
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(create(Map.of()).select(logits, Reference.training(manager, 0, 10, 32)).mul(target).sum());
            }
            try (NDArray gradient = logits.getGradient()) {
                float[] g = gradient.toFloatArray();
                for (int i : new int[] {0, 1, 3, 6, 7, 9}) {
                    assertTrue(g[i] == 0f, "gradient of dropped logit " + i + " is " + g[i]);
                }
                for (int i : new int[] {2, 4, 5, 8}) {
                    assertTrue(g[i] != 0f, "gradient of kept logit " + i + " is zero");
                }
            }
        }
    }

    @Test
    void kAtLeastTheNumberOfCandidatesIsASoftmax() {
        try (NDManager manager = Reference.manager()) {
            float[] w = create(Map.of("k", 7)).select(manager.create(LOGITS, new Shape(2, 5)), Reference.evaluation(manager))
                    .toFloatArray();
            assertArrayEquals(Reference.softmax(LOGITS, 5, 1.0), w, 1e-6f);
        }
    }

    @Test
    void badKIsRejectedNamingTheSetting() {
        for (Object bad : new Object[] {0, -3, 1.5, "two"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> create(Map.of("k", bad)), "k=" + bad);
            assertTrue(e.getMessage().contains("'k'") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void unknownSettingsAreRejectedNamingThem() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> create(Map.of("top", 3)));
        assertTrue(e.getMessage().contains("top") && e.getMessage().contains("known: "), e.getMessage());
    }

    private static SourceSelector create(Map<String, ?> values) {
        return new TopKSelectorProvider().create(PluginSettings.of("selector 'topk'", values));
    }
}
