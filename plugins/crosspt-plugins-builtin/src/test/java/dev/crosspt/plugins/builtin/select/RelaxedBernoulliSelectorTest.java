package dev.crosspt.plugins.builtin.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;
import dev.crosspt.plugins.builtin.Reference;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.SourceSelectorContract;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RelaxedBernoulliSelectorTest implements SourceSelectorContract, PluginProviderContract<SourceSelectorProvider> {

    private static final float[] LOGITS = {0.5f, -1f, 2f, 0.1f, 3f, 3f, -2f, 0f};

    @Override
    public SourceSelector createSelector() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public SourceSelectorProvider provider() {
        return new RelaxedBernoulliSelectorProvider();
    }

    @Override
    public Class<SourceSelectorProvider> kind() {
        return SourceSelectorProvider.class;
    }

    @Override
    public void createWithSettings(PluginSettings settings) {
        provider().create(settings);
    }

    /** The contract again, with the authors' annealed temperature. */
    @Nested
    class Annealed implements SourceSelectorContract {
        @Override
        public SourceSelector createSelector() {
            return create(Map.of("temperature", "anneal"));
        }
    }

    @Test
    void evaluationIsTheNormalisedSigmoid() {
        try (NDManager manager = Reference.manager()) {
            float[] w = createSelector().select(manager.create(LOGITS, new Shape(2, 4)), Reference.evaluation(manager))
                    .toFloatArray();
            float[] expected = new float[LOGITS.length];
            for (int r = 0; r < 2; r++) {
                double sum = 0;
                for (int c = 0; c < 4; c++) {
                    sum += Reference.sigmoid(LOGITS[r * 4 + c]);
                }
                for (int c = 0; c < 4; c++) {
                    expected[r * 4 + c] = (float) (Reference.sigmoid(LOGITS[r * 4 + c]) / sum);
                }
            }
            assertArrayEquals(expected, w, 1e-6f);
        }
    }

    @Test
    void evaluationStaysADistributionWhenEverySigmoidUnderflows() {
        try (NDManager manager = Reference.manager()) {
            float[] logits = {-200f, -200f, -200f, -200f, -300f, -200f, -400f, -500f};
            float[] w = createSelector().select(manager.create(logits, new Shape(2, 4)), Reference.evaluation(manager))
                    .toFloatArray();
            assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0f, 1f, 0f, 0f}, w, 1e-6f);
        }
    }

    @Test
    void trainingSamplesDifferFromEvaluationAndBetweenSeeds() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = createSelector();
            NDArray logits = manager.create(LOGITS, new Shape(2, 4));
            float[] evaluation = selector.select(logits, Reference.evaluation(manager)).toFloatArray();
            Engine.getEngine("PyTorch").setRandomSeed(1);
            float[] first = selector.select(logits, Reference.training(manager, 0, 10, 32)).toFloatArray();
            Engine.getEngine("PyTorch").setRandomSeed(2);
            float[] second = selector.select(logits, Reference.training(manager, 0, 10, 32)).toFloatArray();
            assertFalse(Arrays.equals(evaluation, first), "training must sample");
            assertFalse(Arrays.equals(first, second), "different seeds must give different samples");
        }
    }

    @Test
    void theAuthorsScheduleStartsAtFiveThreeOrOneAndFallsToItsFinalValueAtSixtyPercent() {
        Temperature anneal = Temperature.fromSettings(PluginSettings.of("test", Map.of("temperature", "anneal")), 1.0,
                Temperature.Family.RELAXED);
        try (NDManager manager = Reference.manager()) {
            assertEquals(5.0, anneal.at(Reference.training(manager, 0, 100, 8)), 1e-12);
            assertEquals(3.0, anneal.at(Reference.training(manager, 0, 100, 16)), 1e-12);
            assertEquals(1.0, anneal.at(Reference.training(manager, 0, 100, 32)), 1e-12);
            assertEquals(5 + (0.001 - 5) * 0.5, anneal.at(Reference.training(manager, 30, 100, 8)), 1e-12);
            assertTrue(anneal.at(Reference.training(manager, 59, 100, 8)) > 0.001);
            assertEquals(0.001, anneal.at(Reference.training(manager, 60, 100, 8)), 1e-12);
            assertEquals(0.001, anneal.at(Reference.training(manager, 90, 100, 8)), 1e-12);
        }
    }

    @Test
    void summaryReportsTheTemperature() {
        assertTrue(create(Map.of("temperature", 0.3)).summary(List.of()).get("temperature").toString().contains("0.3"));
    }

    @Test
    void unknownSettingsAreRejectedNamingThem() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> create(Map.of("tau", 3)));
        assertTrue(e.getMessage().contains("tau"), e.getMessage());
    }

    private static SourceSelector create(Map<String, ?> values) {
        return new RelaxedBernoulliSelectorProvider().create(PluginSettings.of("selector 'relaxed-bernoulli'", values));
    }
}
