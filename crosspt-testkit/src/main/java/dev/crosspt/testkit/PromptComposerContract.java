package dev.crosspt.testkit;

import static dev.crosspt.testkit.ContractSupport.assertFinite;
import static dev.crosspt.testkit.ContractSupport.assertNotAllZero;
import static dev.crosspt.testkit.ContractSupport.assertSameValues;
import static dev.crosspt.testkit.ContractSupport.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.api.compose.PromptComposer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PromptComposer}, as tests any implementation can run.
 *
 * <p>With {@code T} tasks, {@code M} source prompts and prompts of length {@code L} and width {@code d}, it checks
 * that: the output is {@code [T, composedLength(L, K), d]} with sources and private prompts, with sources only
 * and with private prompts only ({@code M = 0}); task {@code t}'s output depends only on row {@code t} of the
 * weights and on its own private prompt; gradients reach the sources, the private prompts and the weights,
 * finite and not all zero, when every weight is non-zero; composing is deterministic; weights whose width is not
 * {@code K} are rejected.
 *
 * <p>A third-party composer runs it from its own tests:
 *
 * <pre>{@code
 * class MyComposerTest implements PromptComposerContract {
 *     public PromptComposer createComposer() {
 *         return new MyComposer();
 *     }
 * }
 * }</pre>
 */
public interface PromptComposerContract {

    /** A new composer under test. */
    PromptComposer createComposer();

    /** Number of tasks T; 3 unless overridden. */
    default int tasks() {
        return 3;
    }

    /** Number of source prompts M in the tests that have sources; 3 unless overridden. */
    default int sources() {
        return 3;
    }

    /** Prompt length L; 2 unless overridden. */
    default int promptLength() {
        return 2;
    }

    /** Prompt width d; 4 unless overridden. */
    default int width() {
        return 4;
    }

    /** With M sources and private prompts, K = M + 1 and the output is {@code [T, composedLength(L, K), d]}. */
    @Test
    default void outputShapeWithSourcesAndPrivates() {
        checkShape(sources(), true);
    }

    /** With M sources and no private prompts, K = M. */
    @Test
    default void outputShapeWithSourcesOnly() {
        checkShape(sources(), false);
    }

    /** With no sources (an empty {@code [0, L, d]} array) and private prompts, K = 1. */
    @Test
    default void outputShapeWithPrivatesOnly() {
        checkShape(0, true);
    }

    /** Changing task 1's private prompt and weights leaves task 0's output unchanged. */
    @Test
    default void tasksAreIndependent() {
        int t = tasks();
        int m = sources();
        int k = m + 1;
        try (NDManager manager = ContractSupport.newManager()) {
            PromptComposer composer = createComposer();
            NDArray sources = prompts(manager, 41, m);
            NDArray privates = prompts(manager, 43, t);
            float[] w = ContractSupport.uniform(47, t * k, 0.05, 1.0);
            NDArray out = composer.compose(sources, privates, manager.create(w, new Shape(t, k)));

            float[] changedPrivates = privates.toFloatArray();
            int perTask = promptLength() * width();
            for (int i = perTask; i < 2 * perTask; i++) {
                changedPrivates[i] += 3f;
            }
            float[] changedWeights = w.clone();
            for (int c = 0; c < k; c++) {
                changedWeights[k + c] = c == 0 ? 1f : 0f;
            }
            NDArray changed = composer.compose(sources,
                    manager.create(changedPrivates, privates.getShape()), manager.create(changedWeights, new Shape(t, k)));

            assertArrayEquals(out.get(new NDIndex("0")).toFloatArray(), changed.get(new NDIndex("0")).toFloatArray(), 1e-6f,
                    "task 0's prompt changed when only task 1's private prompt and weights did");
            assertTrue(!java.util.Arrays.equals(out.get(new NDIndex("1")).toFloatArray(),
                    changed.get(new NDIndex("1")).toFloatArray()), "task 1's prompt ignored its own inputs");
        }
    }

    /** With every weight non-zero, the sources, the private prompts and the weights all get gradients. */
    @Test
    default void gradientsReachEveryWeightedInput() {
        int t = tasks();
        int m = sources();
        int k = m + 1;
        try (NDManager manager = ContractSupport.newManager()) {
            PromptComposer composer = createComposer();
            NDArray sources = prompts(manager, 51, m);
            NDArray privates = prompts(manager, 53, t);
            NDArray weights = manager.create(ContractSupport.uniform(59, t * k, 0.05, 1.0), new Shape(t, k));
            for (NDArray input : new NDArray[] {sources, privates, weights}) {
                input.setRequiresGradient(true);
            }
            try (GradientCollector collector = ContractSupport.engine().newGradientCollector()) {
                NDArray out = composer.compose(sources, privates, weights);
                NDArray target = manager.create(ContractSupport.uniform(61, (int) out.size(), 1.0), out.getShape());
                collector.backward(out.mul(target).sum());
            }
            for (Map.Entry<String, NDArray> input : Map.of("sources", sources, "privates", privates, "weights", weights)
                    .entrySet()) {
                try (NDArray gradient = input.getValue().getGradient()) {
                    float[] g = gradient.toFloatArray();
                    assertFinite(g, "gradient of the " + input.getKey());
                    assertNotAllZero(g, "gradient of the " + input.getKey());
                }
            }
        }
    }

    /** The same inputs compose to identical prompts. */
    @Test
    default void isDeterministic() {
        int t = tasks();
        int m = sources();
        int k = m + 1;
        try (NDManager manager = ContractSupport.newManager()) {
            PromptComposer composer = createComposer();
            NDArray sources = prompts(manager, 71, m);
            NDArray privates = prompts(manager, 73, t);
            NDArray weights = manager.create(ContractSupport.uniform(79, t * k, 0.0, 1.0), new Shape(t, k));
            float[] first = composer.compose(sources, privates, weights).toFloatArray();
            float[] second = composer.compose(sources, privates, weights).toFloatArray();
            assertSameValues(first, second, "two compositions of the same inputs");
        }
    }

    /** Weights with a column too many are rejected with an exception that says what is wrong. */
    @Test
    default void rejectsWeightsOfTheWrongWidth() {
        int t = tasks();
        int m = sources();
        int k = m + 2;
        try (NDManager manager = ContractSupport.newManager()) {
            PromptComposer composer = createComposer();
            NDArray sources = prompts(manager, 81, m);
            NDArray privates = prompts(manager, 83, t);
            NDArray weights = manager.create(ContractSupport.uniform(89, t * k, 0.0, 1.0), new Shape(t, k));
            RuntimeException e = assertThrows(RuntimeException.class, () -> composer.compose(sources, privates, weights),
                    "weights [T, M + 2] with private prompts");
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the error must say what is wrong");
        }
    }

    private void checkShape(int m, boolean withPrivates) {
        int t = tasks();
        int k = m + (withPrivates ? 1 : 0);
        try (NDManager manager = ContractSupport.newManager()) {
            PromptComposer composer = createComposer();
            NDArray sources = prompts(manager, 91, m);
            NDArray privates = withPrivates ? prompts(manager, 93, t) : null;
            NDArray weights = manager.create(ContractSupport.uniform(97, t * k, 0.0, 1.0), new Shape(t, k));
            NDArray out = composer.compose(sources, privates, weights);
            String what = "composed prompts for M=" + m + (withPrivates ? " with" : " without") + " private prompts";
            assertShape(out, what, t, composer.composedLength(promptLength(), k), width());
            assertFinite(out.toFloatArray(), what);
        }
    }

    private NDArray prompts(NDManager manager, long seed, int count) {
        int size = count * promptLength() * width();
        return manager.create(ContractSupport.uniform(seed, size, 1.0), new Shape(count, promptLength(), width()));
    }
}
