package dev.crosspt.plugins.builtin.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;
import dev.crosspt.plugins.builtin.Reference;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.SourceSelectorContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SoftmaxSelectorTest implements SourceSelectorContract, PluginProviderContract<SourceSelectorProvider> {

    private static final float[] LOGITS = {0.5f, -1f, 2f, 0.1f, 3f, 3f, -2f, 0f};

    @Override
    public SourceSelector createSelector() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public SourceSelectorProvider provider() {
        return new SoftmaxSelectorProvider();
    }

    @Override
    public Class<SourceSelectorProvider> kind() {
        return SourceSelectorProvider.class;
    }

    @Override
    public void createWithSettings(PluginSettings settings) {
        provider().create(settings);
    }

    /** The contract again, with the authors' annealed temperature (few samples: it starts at 5). */
    @Nested
    class Annealed implements SourceSelectorContract {
        @Override
        public SourceSelector createSelector() {
            return create(Map.of("temperature", "anneal"));
        }

        @Override
        public int samplesPerTask() {
            return 8;
        }
    }

    /** The contract again, with tau = 1/M. */
    @Nested
    class InverseCandidates implements SourceSelectorContract {
        @Override
        public SourceSelector createSelector() {
            return create(Map.of("temperature", "1/M"));
        }
    }

    @Test
    void defaultTemperatureIsOne() {
        assertEquals(new Temperature.Fixed(1.0), ((SoftmaxSelector) createSelector()).temperature());
    }

    @Test
    void inverseCandidatesIsSoftmaxOfLogitsTimesK() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = create(Map.of("temperature", "1/M"));
            float[] weights = selector.select(manager.create(LOGITS, new Shape(2, 4)), Reference.evaluation(manager))
                    .toFloatArray();
            assertArrayEquals(Reference.softmax(LOGITS, 4, 4.0), weights, 1e-6f);
            assertTrue(selector.summary(List.of()).get("temperature").toString().contains("0.25"),
                    "summary: " + selector.summary(List.of()));
        }
    }

    @Test
    void fixedTemperatureDividesTheLogits() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = create(Map.of("temperature", 0.5));
            float[] weights = selector.select(manager.create(LOGITS, new Shape(2, 4)),
                    Reference.training(manager, 0, 10, 32)).toFloatArray();
            assertArrayEquals(Reference.softmax(LOGITS, 4, 2.0), weights, 1e-6f);
        }
    }

    @Test
    void annealStartsAtFiveThreeOrOneBySamplesPerTask() {
        Temperature anneal = Temperature.fromSettings(settings(Map.of("temperature", "anneal")), 1.0);
        try (NDManager manager = Reference.manager()) {
            assertEquals(5.0, anneal.at(Reference.training(manager, 0, 100, 8), 4), 1e-12);
            assertEquals(3.0, anneal.at(Reference.training(manager, 0, 100, 16), 4), 1e-12);
            assertEquals(1.0, anneal.at(Reference.training(manager, 0, 100, 32), 4), 1e-12);
        }
    }

    @Test
    void annealFallsLinearlyToItsFinalValueAtSixtyPercentAndStays() {
        Temperature anneal = Temperature.fromSettings(settings(Map.of("temperature", "anneal")), 1.0);
        try (NDManager manager = Reference.manager()) {
            assertEquals(5 + (0.001 - 5) * 0.5, anneal.at(Reference.training(manager, 30, 100, 8), 4), 1e-12);
            assertEquals(0.001, anneal.at(Reference.training(manager, 60, 100, 8), 4), 1e-12);
            assertEquals(0.001, anneal.at(Reference.training(manager, 90, 100, 8), 4), 1e-12);
            assertEquals(0.001, anneal.at(new SelectionContext(manager, false, 0, 100, 8), 4), 1e-12,
                    "evaluation uses the final temperature");
            assertTrue(anneal.at(Reference.training(manager, 59, 100, 8), 4) > 0.001);
        }
    }

    @Test
    void annealSettingsAreUsed() {
        Temperature anneal = Temperature.fromSettings(
                settings(Map.of("temperature", "anneal", "final-temperature", 0.1, "anneal-fraction", 0.5)), 1.0);
        try (NDManager manager = Reference.manager()) {
            assertEquals(0.1, anneal.at(Reference.training(manager, 50, 100, 32), 4), 1e-12);
            assertEquals(1 + (0.1 - 1) * 0.5, anneal.at(Reference.training(manager, 25, 100, 32), 4), 1e-12);
        }
    }

    @Test
    void annealedWeightsAtTheFirstStepUseTheStartingTemperature() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = create(Map.of("temperature", "anneal"));
            float[] weights = selector.select(manager.create(LOGITS, new Shape(2, 4)),
                    Reference.training(manager, 0, 100, 16)).toFloatArray();
            assertArrayEquals(Reference.softmax(LOGITS, 4, 1 / 3.0), weights, 1e-6f);
            assertTrue(selector.summary(List.of()).get("temperature").toString().startsWith("anneal"));
        }
    }

    @Test
    void badTemperaturesAreRejectedNamingTheSetting() {
        for (Object bad : new Object[] {"hot", 0, -1.5, "NaN"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> create(Map.of("temperature", bad)), "temperature " + bad);
            assertTrue(e.getMessage().contains("'temperature'") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }

    @Test
    void annealingSettingsWithoutAnnealingAreRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> create(Map.of("temperature", 2, "final-temperature", 0.01)));
        assertTrue(e.getMessage().contains("final-temperature"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> create(Map.of("temperature", "anneal", "anneal-fraction", 1.5)));
        assertTrue(e.getMessage().contains("anneal-fraction") && e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void unknownSettingsAreRejectedNamingThem() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> create(Map.of("temprature", 2)));
        assertTrue(e.getMessage().contains("temprature") && e.getMessage().contains("temperature"), e.getMessage());
    }

    @Test
    void nonMatrixLogitsAreRejected() {
        try (NDManager manager = Reference.manager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> createSelector().select(manager.create(new float[] {1, 2}), Reference.evaluation(manager)));
            assertInstanceOf(IllegalArgumentException.class, e);
            assertTrue(e.getMessage().contains("(2)"), e.getMessage());
        }
    }

    static PluginSettings settings(Map<String, ?> values) {
        return PluginSettings.of("selector 'softmax'", values);
    }

    private static SourceSelector create(Map<String, ?> values) {
        return new SoftmaxSelectorProvider().create(settings(values));
    }
}
