package dev.crosspt.plugins.builtin.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.compose.PromptComposer;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.plugins.builtin.Reference;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.PromptComposerContract;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConcatComposerTest implements PromptComposerContract, PluginProviderContract<PromptComposerProvider> {

    @Override
    public PromptComposer createComposer() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public PromptComposerProvider provider() {
        return new ConcatComposerProvider();
    }

    @Override
    public Class<PromptComposerProvider> kind() {
        return PromptComposerProvider.class;
    }

    @Override
    public void createWithSettings(PluginSettings settings) {
        provider().create(settings);
    }

    @Test
    void outputIsKTimesLLongAndSliceKIsTheWeightedCandidateK() {
        int t = 2;
        int m = 3;
        int k = m + 1;
        int l = 2;
        int d = 3;
        try (NDManager manager = Reference.manager()) {
            float[] sources = random(1, m * l * d);
            float[] privates = random(2, t * l * d);
            float[] weights = random(3, t * k);
            NDArray out = createComposer().compose(manager.create(sources, new Shape(m, l, d)),
                    manager.create(privates, new Shape(t, l, d)), manager.create(weights, new Shape(t, k)));
            assertEquals(new Shape(t, k * l, d), out.getShape());
            for (int task = 0; task < t; task++) {
                for (int c = 0; c < k; c++) {
                    float[] expected = new float[l * d];
                    for (int i = 0; i < l * d; i++) {
                        float candidate = c < m ? sources[c * l * d + i] : privates[task * l * d + i];
                        expected[i] = weights[task * k + c] * candidate;
                    }
                    NDArray slice = out.get(new NDIndex(task + ", " + c * l + ":" + (c + 1) * l));
                    assertArrayEquals(expected, slice.toFloatArray(), 1e-6f, "task " + task + ", candidate " + c);
                }
            }
        }
    }

    @Test
    void withoutSourcesTheOutputIsTheWeightedPrivatePrompt() {
        try (NDManager manager = Reference.manager()) {
            NDArray out = createComposer().compose(manager.zeros(new Shape(0, 1, 2)),
                    manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 1, 2)),
                    manager.create(new float[] {2f, 0.5f}, new Shape(2, 1)));
            assertEquals(new Shape(2, 1, 2), out.getShape());
            assertArrayEquals(new float[] {2, 4, 1.5f, 2}, out.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void composedLengthIsCandidatesTimesPromptLength() {
        assertEquals(70, createComposer().composedLength(10, 7));
        assertThrows(IllegalArgumentException.class, () -> createComposer().composedLength(10, 0));
    }

    @Test
    void unknownSettingsAreRejectedNamingThem() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider()
                .create(PluginSettings.of("composer 'concat'", Map.of("axis", 1))));
        assertTrue(e.getMessage().contains("axis"), e.getMessage());
    }

    private static float[] random(long seed, int count) {
        Random random = new Random(seed);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
