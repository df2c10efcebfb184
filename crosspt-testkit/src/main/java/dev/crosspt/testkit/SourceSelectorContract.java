package dev.crosspt.testkit;

import static dev.crosspt.testkit.ContractSupport.assertAllZero;
import static dev.crosspt.testkit.ContractSupport.assertFinite;
import static dev.crosspt.testkit.ContractSupport.assertNotAllZero;
import static dev.crosspt.testkit.ContractSupport.assertRowsAreDistributions;
import static dev.crosspt.testkit.ContractSupport.assertSameValues;
import static dev.crosspt.testkit.ContractSupport.assertShape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SourceSelector}, as tests any implementation can run.
 *
 * <p>Every test builds a fresh selector with {@link #createSelector()}, calls {@link SourceSelector#initialize}
 * with a parameters manager, and hands it logits that live in that long-lived manager (as a router parameter
 * would) together with a separate step scope. It checks that: every row of the weights is a distribution
 * (training and evaluation, small and large logits, no NaN); the shape is {@code [T, K]}; evaluation is
 * deterministic; training-time sampling is reproduced by a fixed engine seed; gradients reach the logits and
 * no array other than the logits and the selector's own {@link SourceSelector#parameters()}; the weights belong
 * to {@code context.scope()} and no temporary is left in the parameters' manager; the regularizer, if any, is a
 * finite scalar; the summary can be built.
 *
 * <p>A third-party selector runs it from its own tests:
 *
 * <pre>{@code
 * class SparsemaxSelectorTest implements SourceSelectorContract, PluginProviderContract<SourceSelectorProvider> {
 *
 *     public SourceSelector createSelector() {
 *         return new SparsemaxSelector(1.0);
 *     }
 *
 *     public SourceSelectorProvider provider() {
 *         return new SparsemaxSelectorProvider();
 *     }
 *
 *     public Class<SourceSelectorProvider> kind() {
 *         return SourceSelectorProvider.class;
 *     }
 *
 *     public void createWithSettings(PluginSettings settings) {
 *         provider().create(settings);
 *     }
 *
 *     // behaviour tests of your own go here
 * }
 * }</pre>
 *
 * <p>Run with {@code -Dai.djl.offline=true}. The tests use one {@code GradientCollector} at a time, so they must
 * not run in parallel with other gradient-collecting tests in the same JVM.
 */
public interface SourceSelectorContract {

    /** A new selector under test, configured as the tests should see it. */
    SourceSelector createSelector();

    /** Number of candidates K per task (columns of the logits); 4 unless overridden. */
    default int candidates() {
        return 4;
    }

    /** Number of tasks T (rows of the logits); 3 unless overridden. */
    default int tasks() {
        return 3;
    }

    /** Training examples per task the contexts report; 16 unless overridden. */
    default int samplesPerTask() {
        return 16;
    }

    /** Source prompts M the contexts report (the other candidates are private); 3 unless overridden. */
    default int sources() {
        return 3;
    }

    /** Rows are distributions at several training steps and at evaluation, for small and large logits. */
    @Test
    default void rowsAreDistributionsInTrainingAndEvaluation() {
        int t = tasks();
        int k = candidates();
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            SourceSelector selector = createSelector();
            selector.initialize(parameters, t, k);
            for (Map.Entry<String, float[]> logits : logitSets(t, k).entrySet()) {
                NDArray array = parameters.create(logits.getValue(), new Shape(t, k));
                for (long step : new long[] {0, 30, 60, 100, -1}) {
                    try (NDManager scope = root.newSubManager()) {
                        SelectionContext context = step < 0 ? evaluation(scope) : training(scope, step);
                        NDArray weights = selector.select(array, context);
                        String what = "weights for " + logits.getKey() + " logits, " + describe(context);
                        assertShape(weights, what, t, k);
                        assertRowsAreDistributions(weights.toFloatArray(), t, k, what);
                    }
                }
            }
        }
    }

    /** The result has one row per task and one column per candidate, at training and evaluation. */
    @Test
    default void outputHasOneRowPerTaskAndOneColumnPerCandidate() {
        int t = tasks();
        int k = candidates();
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            NDManager scope = root.newSubManager();
            SourceSelector selector = createSelector();
            selector.initialize(parameters, t, k);
            NDArray logits = parameters.create(ContractSupport.uniform(3, t * k, 1.0), new Shape(t, k));
            assertShape(selector.select(logits, training(scope, 10)), "training weights", t, k);
            assertShape(selector.select(logits, evaluation(scope)), "evaluation weights", t, k);
        }
    }

    /** The same logits give identical weights at evaluation, twice in a row. */
    @Test
    default void evaluationIsDeterministic() {
        int t = tasks();
        int k = candidates();
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            NDManager scope = root.newSubManager();
            SourceSelector selector = createSelector();
            selector.initialize(parameters, t, k);
            NDArray logits = parameters.create(ContractSupport.uniform(5, t * k, 2.0), new Shape(t, k));
            float[] first = selector.select(logits, evaluation(scope)).toFloatArray();
            ContractSupport.engine().setRandomSeed(11);
            float[] second = selector.select(logits, evaluation(scope)).toFloatArray();
            assertSameValues(first, second, "evaluation weights of two identical calls");
        }
    }

    /** Training-time sampling draws from the engine's generator: the same seed gives the same weights. */
    @Test
    default void trainingIsReproducibleUnderAFixedEngineSeed() {
        int t = tasks();
        int k = candidates();
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            NDManager scope = root.newSubManager();
            SourceSelector selector = createSelector();
            selector.initialize(parameters, t, k);
            NDArray logits = parameters.create(ContractSupport.uniform(7, t * k, 2.0), new Shape(t, k));
            ContractSupport.engine().setRandomSeed(7);
            float[] first = selector.select(logits, training(scope, 20)).toFloatArray();
            ContractSupport.engine().setRandomSeed(7);
            float[] second = selector.select(logits, training(scope, 20)).toFloatArray();
            assertSameValues(first, second, "training weights after setRandomSeed(7) twice");
        }
    }

    /** The weights are differentiable: a loss on them gives the logits a finite, non-zero gradient. */
    @Test
    default void gradientsReachTheLogits() {
        int t = tasks();
        int k = candidates();
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            NDManager scope = root.newSubManager();
            SourceSelector selector = createSelector();
            selector.initialize(parameters, t, k);
            NDArray logits = ContractSupport.parameter(parameters, ContractSupport.uniform(13, t * k, 1.0), t, k);
            backward(selector, logits, training(scope, 10));
            try (NDArray gradient = logits.getGradient()) {
                float[] g = gradient.toFloatArray();
                assertFinite(g, "gradient of the logits");
                assertNotAllZero(g, "gradient of the logits");
            }
        }
    }

    /**
     * Nothing but the logits and the selector's own parameters receives a gradient: an unrelated array that
     * requires a gradient keeps a zero one, and the selector's parameters get finite gradients.
     */
    @Test
    default void gradientsReachNothingButTheLogitsAndTheSelectorsParameters() {
        int t = tasks();
        int k = candidates();
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            NDManager scope = root.newSubManager();
            NDArray distractor = ContractSupport.parameter(parameters, ContractSupport.uniform(17, t * k, 1.0), t, k);
            SourceSelector selector = createSelector();
            selector.initialize(parameters, t, k);
            NDArray logits = ContractSupport.parameter(parameters, ContractSupport.uniform(19, t * k, 1.0), t, k);
            backward(selector, logits, training(scope, 10));
            try (NDArray gradient = distractor.getGradient()) {
                assertAllZero(gradient.toFloatArray(), "gradient of an array the selector was never given");
            }
            for (Map.Entry<String, NDArray> parameter : selector.parameters().entrySet()) {
                if (parameter.getValue().hasGradient()) {
                    try (NDArray gradient = parameter.getValue().getGradient()) {
                        assertFinite(gradient.toFloatArray(), "gradient of selector parameter '" + parameter.getKey() + "'");
                    }
                }
            }
        }
    }

    /** After {@link SourceSelector#initialize}, every parameter is finite. */
    @Test
    default void parametersAreFiniteAfterInitialize() {
        try (NDManager root = ContractSupport.newManager()) {
            SourceSelector selector = createSelector();
            selector.initialize(root, tasks(), candidates());
            Map<String, NDArray> parameters = selector.parameters();
            assertNotNull(parameters, "parameters() must not return null");
            for (Map.Entry<String, NDArray> parameter : parameters.entrySet()) {
                assertFinite(parameter.getValue().toFloatArray(), "selector parameter '" + parameter.getKey() + "'");
            }
        }
    }

    /**
     * The weights belong to {@code context.scope()} (closing it releases them) and no temporary is left behind
     * in the manager of the logits and parameters, where it would pile up step after step.
     */
    @Test
    default void resultsBelongToTheScopeAndNothingLeaks() {
        int t = tasks();
        int k = candidates();
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            SourceSelector selector = createSelector();
            selector.initialize(parameters, t, k);
            NDArray logits = ContractSupport.parameter(parameters, ContractSupport.uniform(23, t * k, 1.0), t, k);
            int before = parameters.getManagedArrays().size();
            List<NDArray> results = new ArrayList<>();
            NDManager scope = root.newSubManager();
            SelectionContext train = training(scope, 10);
            results.add(selector.select(logits, train));
            results.add(selector.select(logits, evaluation(scope)));
            NDArray regularizer = selector.regularizer(train);
            if (regularizer != null) {
                results.add(regularizer);
            }
            assertEquals(before, parameters.getManagedArrays().size(),
                    "arrays left in the parameters' manager by select/regularizer (they belong in context.scope())");
            scope.close();
            for (NDArray result : results) {
                assertTrue(result.isReleased(), "a result of the selector outlived context.scope()");
            }
        }
    }

    /** The regularizer is null or a finite scalar. */
    @Test
    default void regularizerIsNullOrAFiniteScalar() {
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            NDManager scope = root.newSubManager();
            SourceSelector selector = createSelector();
            selector.initialize(parameters, tasks(), candidates());
            NDArray regularizer = selector.regularizer(training(scope, 10));
            if (regularizer != null) {
                assertEquals(1, regularizer.size(), "the regularizer must be a scalar, got shape " + regularizer.getShape());
                assertFinite(regularizer.toFloatArray(), "regularizer");
            }
        }
    }

    /** The summary can be built after training and evaluation steps and is never null. */
    @Test
    default void summaryCanBeBuilt() {
        int t = tasks();
        int k = candidates();
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            NDManager scope = root.newSubManager();
            SourceSelector selector = createSelector();
            selector.initialize(parameters, t, k);
            NDArray logits = parameters.create(ContractSupport.uniform(29, t * k, 1.0), new Shape(t, k));
            selector.select(logits, training(scope, 10));
            selector.select(logits, evaluation(scope));
            List<String> names = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                names.add(c == k - 1 ? "private" : "source-" + (c + 1));
            }
            assertNotNull(selector.summary(names), "summary(...) must not return null");
        }
    }

    private SelectionContext training(NDManager scope, long step) {
        return new SelectionContext(scope, true, step, 100, samplesPerTask(), sources());
    }

    private SelectionContext evaluation(NDManager scope) {
        return new SelectionContext(scope, false, 100, 100, samplesPerTask(), sources());
    }

    private static String describe(SelectionContext context) {
        return context.training() ? "training step " + context.step() + "/" + context.totalSteps() : "evaluation";
    }

    private static Map<String, float[]> logitSets(int t, int k) {
        Map<String, float[]> sets = new LinkedHashMap<>();
        sets.put("zero", new float[t * k]);
        sets.put("small random", ContractSupport.uniform(1, t * k, 1.0));
        sets.put("large random (+-50)", ContractSupport.uniform(2, t * k, 50.0));
        float[] alternating = new float[t * k];
        for (int i = 0; i < alternating.length; i++) {
            alternating[i] = (i + i / k) % 2 == 0 ? 50f : -50f;
        }
        sets.put("alternating +-50", alternating);
        float[] allLow = new float[t * k];
        java.util.Arrays.fill(allLow, -50f);
        sets.put("all -50", allLow);
        return sets;
    }

    /**
     * A garbage collection between the forward and the backward pass changes no gradient. It would if the
     * selector multiplied or divided by a plain number ({@code x.div(tau)}): DJL frees the number's buffer while
     * autograd still holds it (see {@code dev.crosspt.api.NDScopes}).
     */
    @Test
    default void gradientsSurviveAGarbageCollectionBeforeBackward() {
        int t = tasks();
        int k = candidates();
        float[][] gradients = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (NDManager root = ContractSupport.newManager()) {
                NDManager parameters = root.newSubManager();
                NDManager scope = root.newSubManager();
                SourceSelector selector = createSelector();
                selector.initialize(parameters, t, k);
                NDArray logits = ContractSupport.parameter(parameters, ContractSupport.uniform(23, t * k, 1.0), t, k);
                ContractSupport.engine().setRandomSeed(7);
                backward(selector, logits, training(scope, 10), run == 1);
                try (NDArray gradient = logits.getGradient()) {
                    gradients[run] = gradient.toFloatArray();
                }
            }
        }
        assertSameValues(gradients[0], gradients[1], "logit gradients with and without a garbage collection before backward");
    }

    private static void backward(SourceSelector selector, NDArray logits, SelectionContext context) {
        backward(selector, logits, context, false);
    }

    /** Backward of {@code sum(select(logits) * target)} plus the regularizer, in one gradient collector. */
    private static void backward(SourceSelector selector, NDArray logits, SelectionContext context, boolean collectGarbage) {
        NDManager scope = context.scope();
        NDArray target = scope.create(ContractSupport.uniform(31, (int) logits.size(), 1.0), logits.getShape());
        try (GradientCollector collector = ContractSupport.engine().newGradientCollector()) {
            NDArray loss = selector.select(logits, context).mul(target).sum();
            NDArray regularizer = selector.regularizer(context);
            if (regularizer != null) {
                loss = loss.add(regularizer.sum());
            }
            if (collectGarbage) {
                ContractSupport.collectGarbage();
            }
            try {
                collector.backward(loss);
            } catch (EngineException e) {
                fail("backward through the weights failed: are they cut off from the logits' gradient graph"
                        + " (stopGradient, a copy through Java arrays, a new array)? " + e.getMessage(), e);
            }
        }
    }
}
