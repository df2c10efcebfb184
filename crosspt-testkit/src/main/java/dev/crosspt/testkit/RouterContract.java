package dev.crosspt.testkit;

import static dev.crosspt.testkit.ContractSupport.assertFinite;
import static dev.crosspt.testkit.ContractSupport.assertNotAllZero;
import static dev.crosspt.testkit.ContractSupport.assertSameValues;
import static dev.crosspt.testkit.ContractSupport.assertShape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterShape;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Router}, as tests any implementation can run.
 *
 * <p>With {@code T} tasks, {@code M} sources and (per-example routers) {@code B} examples, it checks that: the
 * logits are {@code [T, K]} (or {@code [B, K]}) and finite, with private prompts ({@code K = M + 1}) and without
 * ({@code K = M}); the same parameters and input give the same logits; one seed gives the same initial parameters;
 * with its parameters moved off their initial values, every parameter gets a finite gradient that is not all zero,
 * the same with a garbage collection before the backward pass (a scalar overload on the gradient path fails it: see
 * {@link dev.crosspt.api.NDScopes}); computing logits leaves nothing in the parameters' manager; and a per-example
 * router's row {@code b} depends on example {@code b} alone and changes with its input.
 *
 * <pre>{@code
 * class MyRouterTest implements RouterContract, PluginProviderContract<RouterProvider> {
 *     public Router createRouter() {
 *         return new MyRouterProvider().create(PluginSettings.empty("router 'mine'"));
 *     }
 *     ...
 * }
 * }</pre>
 */
public interface RouterContract {

    /** A new router under test, not yet initialised. */
    Router createRouter();

    /** Number of tasks T; 3 unless overridden. */
    default int tasks() {
        return 3;
    }

    /** Number of source prompts M; 3 unless overridden. */
    default int sources() {
        return 3;
    }

    /** Prompt length L; 2 unless overridden. */
    default int promptLength() {
        return 2;
    }

    /** Prompt and feature width d; 8 unless overridden. */
    default int width() {
        return 8;
    }

    /** Examples B in a per-example router's batch; 5 unless overridden. */
    default int batch() {
        return 5;
    }

    /** With sources and private prompts, the logits have K = M + 1 columns and are finite. */
    @Test
    default void logitsShapeWithPrivates() {
        checkShape(true);
    }

    /** With sources only, K = M. */
    @Test
    default void logitsShapeWithSourcesOnly() {
        checkShape(false);
    }

    /** The same parameters and input give the same logits. */
    @Test
    default void logitsAreDeterministic() {
        try (NDManager root = ContractSupport.newManager()) {
            Router router = initialised(root, true, 5);
            NDManager scope = root.newSubManager();
            float[] first = router.logits(input(scope, router, true, 0)).toFloatArray();
            float[] second = router.logits(input(scope, router, true, 0)).toFloatArray();
            assertSameValues(first, second, "logits of two calls with the same input");
        }
    }

    /** One seed gives the same initial parameters, so that a run's seed reproduces them. */
    @Test
    default void initialParametersComeFromTheSeed() {
        try (NDManager root = ContractSupport.newManager()) {
            Map<String, NDArray> first = initialised(root, true, 5).parameters();
            Map<String, NDArray> second = initialised(root, true, 5).parameters();
            assertEquals(first.keySet(), second.keySet(), "parameter names");
            first.forEach((name, array) -> assertSameValues(array.toFloatArray(), second.get(name).toFloatArray(),
                    "parameter '" + name + "' from one seed"));
        }
    }

    /**
     * With every parameter moved off its initial values (a zero-initialised query gives its partner no gradient at
     * first), every parameter gets a finite, non-zero gradient, the same with a garbage collection before backward.
     */
    @Test
    default void gradientsReachEveryParameter() {
        Map<String, float[]> plain = gradients(false);
        Map<String, float[]> collected = gradients(true);
        plain.forEach((name, gradient) -> {
            assertFinite(gradient, "gradient of '" + name + "'");
            assertNotAllZero(gradient, "gradient of '" + name + "'");
            assertSameValues(gradient, collected.get(name), "gradient of '" + name
                    + "' with and without a garbage collection before backward");
        });
    }

    /** Logits are computed in the step's scope: the parameters' manager holds no more arrays afterwards. */
    @Test
    default void logitsLeaveNothingInTheParametersManager() {
        try (NDManager root = ContractSupport.newManager()) {
            NDManager parameters = root.newSubManager();
            Router router = createRouter();
            router.initialize(parameters, shape(true, 5));
            int before = parameters.getManagedArrays().size();
            try (NDManager scope = root.newSubManager()) {
                router.logits(input(scope, router, true, 0)).toFloatArray();
            }
            assertEquals(before, parameters.getManagedArrays().size(),
                    "arrays left in the parameters' manager: compute on NDScopes.view(parameter, scope)");
        }
    }

    /** A per-example router: row b depends on example b alone (reversing the batch reverses the rows). */
    @Test
    default void perExampleRowsFollowTheirExamples() {
        try (NDManager root = ContractSupport.newManager()) {
            Router router = initialised(root, true, 5);
            if (!router.perExample()) {
                return;
            }
            perturb(router, 41);
            NDManager scope = root.newSubManager();
            RouterInput forward = input(scope, router, true, 0);
            long[] reversedTasks = reverse(forward.tasks());
            NDArray reversedInputs = forward.inputs().flip(0);
            RouterInput backward = new RouterInput(scope, tasks(), forward.sources(), forward.privates(),
                    reversedInputs, reversedTasks);
            float[] a = router.logits(forward).toFloatArray();
            float[] b = router.logits(backward).flip(0).toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5 * Math.max(1, Math.abs(a[i])), "logit " + i + " after reversing the batch");
            }
            float[] other = router.logits(input(scope, router, true, 1)).toFloatArray();
            assertFalse(Arrays.equals(a, other), "a per-example router's logits must change with the inputs");
        }
    }

    private void checkShape(boolean privates) {
        try (NDManager root = ContractSupport.newManager()) {
            Router router = initialised(root, privates, 5);
            NDManager scope = root.newSubManager();
            RouterInput input = input(scope, router, privates, 0);
            NDArray logits = router.logits(input);
            assertNotNull(logits, "logits");
            int k = sources() + (privates ? 1 : 0);
            assertShape(logits, "logits" + (privates ? "" : " without private prompts"), input.rows(), k);
            assertFinite(logits.toFloatArray(), "logits");
        }
    }

    private RouterShape shape(boolean privates, long seed) {
        return new RouterShape(tasks(), sources(), sources() + (privates ? 1 : 0), promptLength(), width(), seed);
    }

    private Router initialised(NDManager root, boolean privates, long seed) {
        Router router = createRouter();
        router.initialize(root.newSubManager(), shape(privates, seed));
        return router;
    }

    /** Prompts (and, for a per-example router, inputs and tasks) drawn from {@code variant}. */
    private RouterInput input(NDManager scope, Router router, boolean privates, long variant) {
        NDArray sources = scope.create(ContractSupport.uniform(11, sources() * promptLength() * width(), 1.0),
                new Shape(sources(), promptLength(), width()));
        NDArray privatePrompts = privates ? scope.create(ContractSupport.uniform(13, tasks() * promptLength() * width(),
                1.0), new Shape(tasks(), promptLength(), width())) : null;
        if (!router.perExample()) {
            return new RouterInput(scope, tasks(), sources, privatePrompts, null, null);
        }
        long[] taskIds = new long[batch()];
        for (int b = 0; b < taskIds.length; b++) {
            taskIds[b] = b % tasks();
        }
        NDArray inputs = scope.create(ContractSupport.uniform(17 + variant, batch() * width(), 1.0),
                new Shape(batch(), width()));
        return new RouterInput(scope, tasks(), sources, privatePrompts, inputs, taskIds);
    }

    private Map<String, float[]> gradients(boolean collectGarbage) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager root = ContractSupport.newManager()) {
            Router router = initialised(root, true, 5);
            perturb(router, 37);
            NDManager scope = root.newSubManager();
            RouterInput input = input(scope, router, true, 0);
            try (GradientCollector collector = ContractSupport.engine().newGradientCollector()) {
                NDArray logits = router.logits(input);
                NDArray target = scope.create(ContractSupport.uniform(31, (int) logits.size(), 1.0), logits.getShape());
                NDArray loss = logits.mul(target).sum();
                if (collectGarbage) {
                    ContractSupport.collectGarbage();
                }
                collector.backward(loss);
            } catch (EngineException e) {
                fail("backward through the logits failed: are they cut off from the parameters' gradient graph? "
                        + e.getMessage(), e);
            }
            router.parameters().forEach((name, parameter) -> {
                try (NDArray gradient = parameter.getGradient()) {
                    out.put(name, gradient.toFloatArray());
                }
            });
        }
        return out;
    }

    /** Adds small reproducible noise to every parameter. */
    private static void perturb(Router router, long seed) {
        long s = seed;
        for (NDArray parameter : router.parameters().values()) {
            float[] values = parameter.toFloatArray();
            float[] noise = ContractSupport.uniform(s++, values.length, 0.5);
            for (int i = 0; i < values.length; i++) {
                values[i] += noise[i];
            }
            parameter.set(FloatBuffer.wrap(values));
        }
    }

    private static long[] reverse(long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[values.length - 1 - i];
        }
        return out;
    }
}
