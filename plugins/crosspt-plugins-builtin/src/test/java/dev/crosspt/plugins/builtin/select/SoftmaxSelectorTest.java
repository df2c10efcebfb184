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

    /** The contract again, annealed from 5 to 0.1. */
    @Nested
    class Annealed implements SourceSelectorContract {
        @Override
        public SourceSelector createSelector() {
            return create(Map.of("temperature", 5, "final-temperature", 0.1));
        }
    }

    /** The contract again, with the paper's tau = 1/M. */
    @Nested
    class PerSource implements SourceSelectorContract {
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
    void perSourceTemperatureDividesByTheSourcesNotTheColumns() {
        try (NDManager manager = Reference.manager()) {
            // 4 columns: 3 sources and the private prompt, so tau = 1/3, not 1/4
            SourceSelector selector = create(Map.of("temperature", "1/M"));
            float[] weights = selector.select(manager.create(LOGITS, new Shape(2, 4)), Reference.evaluation(manager))
                    .toFloatArray();
            assertArrayEquals(Reference.softmax(LOGITS, 4, 3.0), weights, 1e-6f);
            assertTrue(selector.summary(List.of()).get("temperature").toString().contains("0.333333"),
                    "summary: " + selector.summary(List.of()));
            // tau0 = 2 over M = 4 sources (SL: no private column): tau = 0.5
            SourceSelector two = create(Map.of("temperature", 2, "per-source", true));
            weights = two.select(manager.create(LOGITS, new Shape(2, 4)),
                    new SelectionContext(manager, false, 0, 10, 32, 4)).toFloatArray();
            assertArrayEquals(Reference.softmax(LOGITS, 4, 2.0), weights, 1e-6f);
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
    void annealingFallsLinearlyAndEvaluationUsesTheTemperatureOfItsStep() {
        Temperature anneal = Temperature.fromSettings(settings(Map.of("temperature", 2, "final-temperature", 0.1,
                "anneal-fraction", 0.5, "per-source", true)), 1.0, Temperature.Family.SOFTMAX);
        try (NDManager manager = Reference.manager()) {
            // M = 3 sources
            assertEquals(2 / 3.0, anneal.at(Reference.training(manager, 0, 100, 32)), 1e-12);
            assertEquals((2 + (0.1 - 2) * 0.5) / 3, anneal.at(Reference.training(manager, 25, 100, 32)), 1e-12);
            assertEquals(0.1 / 3, anneal.at(Reference.training(manager, 50, 100, 32)), 1e-12);
            assertEquals(0.1 / 3, anneal.at(Reference.training(manager, 90, 100, 32)), 1e-12);
            for (long step : new long[] {0, 25, 90}) {
                assertEquals(anneal.at(Reference.training(manager, step, 100, 32)),
                        anneal.at(new SelectionContext(manager, false, step, 100, 32, 3)), 1e-12,
                        "evaluation at step " + step + " uses that step's temperature");
            }
        }
    }

    @Test
    void annealedWeightsAtEvaluationAreTheTrainingWeightsOfThatStep() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = create(Map.of("temperature", 3, "final-temperature", 0.1));
            float[] evaluation = selector.select(manager.create(LOGITS, new Shape(2, 4)),
                    new SelectionContext(manager, false, 0, 100, 16, 3)).toFloatArray();
            assertArrayEquals(Reference.softmax(LOGITS, 4, 1 / 3.0), evaluation, 1e-6f);
            assertTrue(selector.summary(List.of()).get("temperature").toString().startsWith("anneal"));
        }
    }

    @Test
    void theAuthorsScheduleIsRefusedWithWhatToUse() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> create(Map.of("temperature", "anneal")));
        assertTrue(e.getMessage().contains("argmax") && e.getMessage().contains("per-source: true")
                && e.getMessage().contains("topk"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> create(Map.of("temperature", 1, "final-temperature", 0.001)));
        assertTrue(e.getMessage().contains("final-temperature") && e.getMessage().contains("topk"), e.getMessage());
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
                () -> create(Map.of("temperature", 2, "anneal-fraction", 0.5)));
        assertTrue(e.getMessage().contains("anneal-fraction"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> create(Map.of("temperature", 2, "final-temperature", 0.1, "anneal-fraction", 1.5)));
        assertTrue(e.getMessage().contains("anneal-fraction") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> create(Map.of("temperature", "1/M", "per-source", false)));
        assertTrue(e.getMessage().contains("per-source"), e.getMessage());
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
