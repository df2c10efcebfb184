package dev.crosspt.plugins.builtin.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.RouterContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearRouterTest implements RouterContract, PluginProviderContract<RouterProvider> {

    @Override
    public Router createRouter() {
        return RouterTests.create(provider(), Map.of("query-size", 4));
    }

    @Override
    public RouterProvider provider() {
        return new LinearRouterProvider();
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
    void aZeroQueryWeighsEveryCandidateTheSame() {
        try (NDManager manager = RouterTests.manager()) {
            Router router = RouterTests.initialised(createRouter(), manager, 2, 2, true, 2);
            assertArrayEquals(new float[6], router.logits(RouterTests.perTask(manager)).toFloatArray());
        }
    }

    @Test
    void logitsAreTheQueryTimesTheMatrixTimesEachKey() {
        try (NDManager manager = RouterTests.manager()) {
            Router router = RouterTests.initialised(RouterTests.create(provider(), Map.of("query-size", 1)), manager,
                    2, 2, true, 2);
            RouterTests.set(router, LinearRouter.QUERY, 1, 2);           // q_0 = 1, q_1 = 2
            RouterTests.set(router, LinearRouter.WEIGHT, 3, 1);          // W = [3, 1]
            // task 0: qW = (3, 1); keys (1, 0), (0, 1), private (1, 1): 3, 1, 4; task 1: qW = (6, 2), private (-1, 2)
            float s = (float) (1 / Math.sqrt(2));
            assertArrayEquals(new float[] {3 * s, 1 * s, 4 * s, 6 * s, 2 * s, -2 * s},
                    router.logits(RouterTests.perTask(manager)).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void aQuerySizeOfZeroIsRefusedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RouterTests.create(provider(), Map.of("query-size", 0)));
        assertTrue(e.getMessage().contains("'query-size'"), e.getMessage());
    }
}
