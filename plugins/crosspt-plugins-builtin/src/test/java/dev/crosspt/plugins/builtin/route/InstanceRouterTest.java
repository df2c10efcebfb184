package dev.crosspt.plugins.builtin.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.InputFeature;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.RouterContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceRouterTest implements RouterContract, PluginProviderContract<RouterProvider> {

    @Override
    public Router createRouter() {
        return RouterTests.create(provider(), Map.of("hidden", 4));
    }

    @Override
    public RouterProvider provider() {
        return new InstanceRouterProvider();
    }

    @Override
    public Class<RouterProvider> kind() {
        return RouterProvider.class;
    }

    @Override
    public void createWithSettings(PluginSettings settings) {
        provider().create(settings);
    }

    @Test
    void itWeighsPerExampleFromPooledEmbeddingsByDefault() {
        Router router = createRouter();
        assertTrue(router.perExample());
        assertEquals(InputFeature.EMBEDDINGS, router.inputFeature());
        assertEquals(InputFeature.ENCODER, RouterTests.create(provider(), Map.of("input", "encoder")).inputFeature());
    }

    @Test
    void logitsAttendFromTheProjectedInputOverTheExamplesTaskKeys() {
        try (NDManager manager = RouterTests.manager()) {
            Router router = RouterTests.initialised(RouterTests.create(provider(), Map.of("hidden", 2)), manager, 2, 2,
                    true, 2);
            RouterTests.set(router, "down", 1, 0, 0, 1);
            RouterTests.set(router, "down-bias", 0, 0);
            assertArrayEquals(new float[6], logits(router, manager), "'up' starts at zero: every candidate the same");
            RouterTests.set(router, "up", 1, 0, 0, 1);
            // inputs (2, 0) for task 0 and (0, 3) for task 1, unit RMS: (sqrt 2, 0) and (0, sqrt 2);
            // keys (1, 0), (0, 1), then the task's private key (1, 1) or (-1, 2); scaled by 1 / sqrt 2
            assertArrayEquals(new float[] {1, 0, 1, 0, 1, 2}, logits(router, manager), 1e-5f);
        }
    }

    private static float[] logits(Router router, NDManager manager) {
        RouterInput tasks = RouterTests.perTask(manager);
        NDArray inputs = manager.create(new float[] {2, 0, 0, 3}, new Shape(2, 2));
        return router.logits(new RouterInput(manager, 2, tasks.sources(), tasks.privates(), inputs, new long[] {0, 1}))
                .toFloatArray();
    }

    @Test
    void badSettingsAreRefusedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RouterTests.create(provider(), Map.of("input", "pixels")));
        assertTrue(e.getMessage().contains("setting 'input' expected embeddings or encoder, got 'pixels'"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> RouterTests.create(provider(), Map.of("hidden", 0)));
        assertTrue(e.getMessage().contains("setting 'hidden'"), e.getMessage());
    }
}
