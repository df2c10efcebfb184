package dev.crosspt.plugins.builtin.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.compose.PromptComposer;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.plugins.builtin.Reference;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.PromptComposerContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedSumComposerTest implements PromptComposerContract, PluginProviderContract<PromptComposerProvider> {

    /** Two sources of length 1, width 2. */
    static final float[] SOURCES = {1, 2, 10, 20};
    /** Two tasks' private prompts of length 1, width 2. */
    static final float[] PRIVATES = {100, 200, 300, 400};
    /** Task 0: 0.5 S1 + 0.25 S2 + 0.25 U0; task 1: 0.1 S1 + 0 S2 + 0.9 U1. */
    static final float[] WEIGHTS = {0.5f, 0.25f, 0.25f, 0.1f, 0f, 0.9f};

    @Override
    public PromptComposer createComposer() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public PromptComposerProvider provider() {
        return new WeightedSumComposerProvider();
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
    void equalsTheHandComputedWeightedSum() {
        try (NDManager manager = Reference.manager()) {
            NDArray out = createComposer().compose(manager.create(SOURCES, new Shape(2, 1, 2)),
                    manager.create(PRIVATES, new Shape(2, 1, 2)), manager.create(WEIGHTS, new Shape(2, 3)));
            assertEquals(new Shape(2, 1, 2), out.getShape());
            float[] expected = {
                0.5f * 1 + 0.25f * 10 + 0.25f * 100, 0.5f * 2 + 0.25f * 20 + 0.25f * 200,
                0.1f * 1 + 0.9f * 300, 0.1f * 2 + 0.9f * 400};
            assertArrayEquals(expected, out.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void withoutPrivatesOnlyTheSourcesAreWeighted() {
        try (NDManager manager = Reference.manager()) {
            NDArray out = createComposer().compose(manager.create(SOURCES, new Shape(2, 1, 2)), null,
                    manager.create(new float[] {0.5f, 0.5f, 1f, 0f}, new Shape(2, 2)));
            assertArrayEquals(new float[] {5.5f, 11f, 1f, 2f}, out.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void withoutSourcesEachTaskGetsItsWeightedPrivatePrompt() {
        try (NDManager manager = Reference.manager()) {
            NDArray out = createComposer().compose(manager.zeros(new Shape(0, 1, 2)),
                    manager.create(PRIVATES, new Shape(2, 1, 2)), manager.create(new float[] {1f, 0.5f}, new Shape(2, 1)));
            assertArrayEquals(new float[] {100, 200, 150, 200}, out.toFloatArray(), 1e-5f);
            NDArray noSources = createComposer().compose(null, manager.create(PRIVATES, new Shape(2, 1, 2)),
                    manager.create(new float[] {1f, 1f}, new Shape(2, 1)));
            assertArrayEquals(PRIVATES, noSources.toFloatArray());
        }
    }

    @Test
    void composedLengthIsThePromptLength() {
        assertEquals(10, createComposer().composedLength(10, 7));
        assertThrows(IllegalArgumentException.class, () -> createComposer().composedLength(0, 7));
    }

    @Test
    void mismatchedShapesAreRejectedShowingTheShapes() {
        try (NDManager manager = Reference.manager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> createComposer().compose(manager.create(SOURCES, new Shape(2, 1, 2)),
                            manager.create(PRIVATES, new Shape(2, 1, 2)), manager.create(new float[4], new Shape(2, 2))));
            assertTrue(e.getMessage().contains("(2, 2)") && e.getMessage().contains("K = M + 1 = 3"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> createComposer().compose(manager.create(SOURCES, new Shape(2, 1, 2)),
                            manager.create(new float[6], new Shape(1, 3, 2)), manager.create(new float[6], new Shape(2, 3))));
            assertTrue(e.getMessage().contains("(1, 3, 2)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> createComposer().compose(null, null, manager.create(new float[2], new Shape(2, 1))));
            assertTrue(e.getMessage().contains("nothing to compose"), e.getMessage());
        }
    }

    @Test
    void unknownSettingsAreRejectedNamingThem() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider()
                .create(PluginSettings.of("composer 'weighted-sum'", Map.of("normalise", true))));
        assertTrue(e.getMessage().contains("normalise") && e.getMessage().contains("known: none"), e.getMessage());
    }
}
