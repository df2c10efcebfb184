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
import ai.djl.training.GradientCollector;
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
import org.junit.jupiter.api.Test;

class LearnedPruningSelectorTest implements SourceSelectorContract, PluginProviderContract<SourceSelectorProvider> {

    private static final float[] LOGITS = {0.5f, -1f, 2f, 0.1f, 3f, 3f, -2f, 0f};

    @Override
    public SourceSelector createSelector() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public SourceSelectorProvider provider() {
        return new LearnedPruningSelectorProvider();
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
    void initializeCreatesOneTrainableGateLogitPerCandidate() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = create(Map.of("gate-init", 1.5));
            selector.initialize(manager, 3, 4);
            NDArray gate = selector.parameters().get("gate");
            assertEquals(new Shape(4), gate.getShape());
            assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f, 1.5f}, gate.toFloatArray());
            assertTrue(gate.hasGradient(), "the gate must require a gradient");
        }
    }

    @Test
    void evaluationWithEveryGateOpenIsASoftmax() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = createSelector();
            selector.initialize(manager, 2, 4);
            float[] w = selector.select(manager.create(LOGITS, new Shape(2, 4)), Reference.evaluation(manager))
                    .toFloatArray();
            assertArrayEquals(Reference.softmax(LOGITS, 4, 1.0), w, 1e-6f);
        }
    }

    @Test
    void evaluationDropsClosedGatesAndRenormalises() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = create(Map.of("exempt-private", false));
            selector.initialize(manager, 2, 4);
            selector.parameters().get("gate").set(new float[] {3f, -3f, 3f, -3f});
            float[] w = selector.select(manager.create(LOGITS, new Shape(2, 4)), Reference.evaluation(manager))
                    .toFloatArray();
            float[] row0 = Reference.softmax(new float[] {0.5f, 2f}, 2, 1.0);
            float[] row1 = Reference.softmax(new float[] {3f, -2f}, 2, 1.0);
            assertArrayEquals(new float[] {row0[0], 0f, row0[1], 0f, row1[0], 0f, row1[1], 0f}, w, 1e-6f);
        }
    }

    @Test
    void evaluationNeverClosesEveryGate() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = create(Map.of("exempt-private", false));
            selector.initialize(manager, 2, 4);
            selector.parameters().get("gate").set(new float[] {-5f, -4f, -5f, -6f});
            float[] w = selector.select(manager.create(LOGITS, new Shape(2, 4)), Reference.evaluation(manager))
                    .toFloatArray();
            assertArrayEquals(new float[] {0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f}, w, 1e-6f);
            assertEquals(List.of("b"), selector.summary(List.of("a", "b", "c", "d")).get("survivors"));
        }
    }

    @Test
    void regularizerIsSparsityTimesTheSumOfGateProbabilities() {
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = create(Map.of("sparsity", 0.2, "exempt-private", false));
            selector.initialize(manager, 2, 4);
            float value = selector.regularizer(Reference.training(manager, 0, 10, 32)).getFloat();
            assertEquals(0.2 * 4 * Reference.sigmoid(2.0), value, 1e-6);
            SourceSelector free = create(Map.of("sparsity", 0));
            free.initialize(manager, 2, 4);
            assertEquals(null, free.regularizer(Reference.training(manager, 0, 10, 32)));
        }
    }

    /**
     * Task 0 profits from candidate a only, task 1 from b only, no task from c: forty gradient steps with a strong
     * sparsity penalty (20 times the default) close c's gate, keep a's and b's open, and the summary lists a and b
     * as survivors.
     */
    @Test
    void gradientStepsWithASparsityPenaltyPruneAUselessCandidate() {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(3);
        List<String> names = List.of("a", "b", "c");
        try (NDManager parameters = Reference.manager()) {
            SourceSelector selector = create(Map.of("sparsity", 0.2));
            selector.initialize(parameters, 2, 3);
            NDArray gate = selector.parameters().get("gate");
            NDArray logits = parameters.zeros(new Shape(2, 3));
            double before = probability(selector, names, "c");
            for (int step = 0; step < 40; step++) {
                try (NDManager scope = parameters.newSubManager()) {
                    SelectionContext context = Reference.training(scope, step, 40, 32);
                    NDArray reward = scope.create(new float[] {5, 0, 0, 0, 5, 0}, new Shape(2, 3));
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray loss = selector.select(logits, context).mul(reward).sum().neg()
                                .add(selector.regularizer(context));
                        collector.backward(loss);
                    }
                    try (NDArray gradient = gate.getGradient(); NDArray update = gradient.mul(1.0f)) {
                        gate.subi(update);
                        gradient.subi(gradient);
                    }
                }
            }
            double after = probability(selector, names, "c");
            assertTrue(after < before && after < 0.5, "gate probability of c went from " + before + " to " + after);
            assertTrue(probability(selector, names, "a") >= 0.5, "a: " + selector.summary(names));
            assertTrue(probability(selector, names, "b") >= 0.5, "b: " + selector.summary(names));
            assertEquals(List.of("a", "b"), selector.summary(names).get("survivors"));
            assertEquals(2, parameters.getManagedArrays().size(), "the gate and the logits only: no step left arrays behind");
        }
    }

    /** Columns after the M = 3 sources are private: by default their gate never closes and costs nothing. */
    @Test
    void privatePromptsAreExemptFromPruningByDefault() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = Reference.manager()) {
            SourceSelector selector = create(Map.of("sparsity", 0.2));
            selector.initialize(manager, 2, 4);
            NDArray gate = selector.parameters().get("gate");
            gate.set(new float[] {-6f, 4f, -6f, -6f});
            float[] w = selector.select(manager.create(LOGITS, new Shape(2, 4)), Reference.evaluation(manager))
                    .toFloatArray();
            float[] row0 = Reference.softmax(new float[] {-1f, 0.1f}, 2, 1.0);
            float[] row1 = Reference.softmax(new float[] {3f, 0f}, 2, 1.0);
            assertArrayEquals(new float[] {0f, row0[0], 0f, row0[1], 0f, row1[0], 0f, row1[1]}, w, 1e-6f);
            List<String> names = List.of("a", "b", "c", "private");
            assertEquals(List.of("b", "private"), selector.summary(names).get("survivors"));
            assertFalse(((Map<?, ?>) selector.summary(names).get("gate_probabilities")).containsKey("private"));
            try (NDManager scope = manager.newSubManager()) {
                SelectionContext context = Reference.training(scope, 0, 10, 32);
                assertEquals(0.2 * (2 * Reference.sigmoid(-6.0) + Reference.sigmoid(4.0)),
                        selector.regularizer(context).getFloat(), 1e-6);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray logits = scope.create(LOGITS, new Shape(2, 4));
                    collector.backward(selector.select(logits, context).get(":, 3").sum().add(selector.regularizer(context)));
                }
                try (NDArray gradient = gate.getGradient()) {
                    assertEquals(0f, gradient.toFloatArray()[3], "the private gate gets no gradient");
                    assertTrue(gradient.toFloatArray()[1] != 0f, "a source's gate does");
                }
            }
        }
    }

    @Test
    void selectBeforeInitializeSaysWhatToDo() {
        try (NDManager manager = Reference.manager()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> createSelector().select(manager.create(LOGITS, new Shape(2, 4)), Reference.evaluation(manager)));
            assertTrue(e.getMessage().contains("initialize"), e.getMessage());
        }
    }

    @Test
    void badSettingsAreRejectedNamingThem() {
        for (Map<String, ?> bad : List.of(Map.of("threshold", 1.0), Map.of("sparsity", -0.1), Map.of("gate-temperature", 0),
                Map.of("gate-init", "open"), Map.of("sparsty", 0.1), Map.of("exempt-private", "maybe"))) {
            String key = bad.keySet().iterator().next();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> create(bad), bad.toString());
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static double probability(SourceSelector selector, List<String> names, String name) {
        return ((Map<String, Double>) selector.summary(names).get("gate_probabilities")).get(name);
    }

    private static SourceSelector create(Map<String, ?> values) {
        return new LearnedPruningSelectorProvider().create(PluginSettings.of("selector 'learned-pruning'", values));
    }
}
