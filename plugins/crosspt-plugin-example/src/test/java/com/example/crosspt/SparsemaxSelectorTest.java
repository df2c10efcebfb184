package com.example.crosspt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.SourceSelectorContract;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The contracts every selector and provider meet, plus what makes sparsemax sparsemax. */
class SparsemaxSelectorTest implements SourceSelectorContract, PluginProviderContract<SourceSelectorProvider> {

    @Override
    public SourceSelector createSelector() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public SourceSelectorProvider provider() {
        return new SparsemaxSelectorProvider();
    }

    @Override
    public Class<SourceSelectorProvider> kind() {
        return SourceSelectorProvider.class;
    }

    @Override
    public void createWithSettings(PluginSettings settings) {
        provider().create(settings);
    }

    @Test
    void worksOutTheTextbookExample() {
        // sorted: 1, 0.8, 0.5, -1; the support is the first three, tau = (2.3 - 1) / 3.
        float tau = 1.3f / 3;
        assertArrayEquals(new float[] {1 - tau, 0.8f - tau, 0, 0.5f - tau}, select(new float[] {1, 0.8f, -1, 0.5f}, 1, 1.0),
                1e-6f);
    }

    @Test
    void equalLogitsGiveEqualWeightsAndOneDominantLogitTakesEverything() {
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, select(new float[4], 1, 1.0), 1e-6f);
        assertArrayEquals(new float[] {0, 1, 0, 0}, select(new float[] {0, 5, 1, -3}, 1, 1.0), 1e-6f);
    }

    @Test
    void matchesABruteForceProjectionOnRandomLogits() {
        Random random = new Random(42);
        for (double temperature : new double[] {0.3, 1.0, 4.0}) {
            float[] logits = new float[6 * 5];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (random.nextGaussian() * 2);
            }
            float[] expected = new float[logits.length];
            for (int r = 0; r < 6; r++) {
                float[] row = reference(Arrays.copyOfRange(logits, r * 5, r * 5 + 5), temperature);
                System.arraycopy(row, 0, expected, r * 5, 5);
            }
            assertArrayEquals(expected, select(logits, 6, temperature), 1e-5f, "temperature " + temperature);
        }
    }

    @Test
    void gradientIsTheSparsemaxJacobianOnTheSupportAndZeroOffIt() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray logits = manager.create(new float[] {1, 0.8f, -1, 0.5f}, new Shape(1, 4));
            logits.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray w = createSelector().select(logits, context(manager));
                collector.backward(w.get("0, 0"));
            }
            try (NDArray gradient = logits.getGradient()) {
                // d w_0 / d z_j = [j == 0] - 1/|S| on the support S = {0, 1, 3}, and 0 for the dropped candidate 2.
                assertArrayEquals(new float[] {2 / 3f, -1 / 3f, 0, -1 / 3f}, gradient.toFloatArray(), 1e-6f);
            }
        }
    }

    @Test
    void badSettingsAreRejectedNamingThem() {
        for (Map<String, ?> bad : java.util.List.<Map<String, ?>>of(Map.of("temperature", 0), Map.of("temperature", "warm"),
                Map.of("sparsity", 1))) {
            String key = bad.keySet().iterator().next();
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> provider().create(PluginSettings.of("selector 'sparsemax'", bad)), bad.toString());
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    private static float[] select(float[] logits, int rows, double temperature) {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            SourceSelector selector = new SparsemaxSelectorProvider()
                    .create(PluginSettings.of("test", Map.of("temperature", temperature)));
            return selector.select(manager.create(logits, new Shape(rows, logits.length / rows)), context(manager))
                    .toFloatArray();
        }
    }

    private static SelectionContext context(NDManager scope) {
        return new SelectionContext(scope, true, 0, 10, 32, 3);
    }

    /** Sparsemax by its definition: sort, find the support size k(z), threshold, clip. */
    private static float[] reference(float[] logits, double temperature) {
        double[] z = new double[logits.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = logits[i] / temperature;
        }
        double[] sorted = z.clone();
        Arrays.sort(sorted);
        double sum = 0;
        double supportSum = 0;
        int support = 0;
        for (int k = 1; k <= sorted.length; k++) {
            double zk = sorted[sorted.length - k];
            sum += zk;
            if (1 + k * zk > sum) {
                support = k;
                supportSum = sum;
            }
        }
        double tau = (supportSum - 1) / support;
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) Math.max(z[i] - tau, 0);
        }
        return out;
    }
}
