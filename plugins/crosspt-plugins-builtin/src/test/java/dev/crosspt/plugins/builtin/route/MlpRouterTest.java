package dev.crosspt.plugins.builtin.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class MlpRouterTest implements RouterContract, PluginProviderContract<RouterProvider> {

    @Override
    public Router createRouter() {
        return RouterTests.create(provider(), Map.of("hidden", 6, "query-size", 3));
    }

    @Override
    public RouterProvider provider() {
        return new MlpRouterProvider();
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
    void logitsAreTheQueryTimesTheNetworkOfEachKey() {
        try (NDManager manager = RouterTests.manager()) {
            Router router = RouterTests.initialised(RouterTests.create(provider(), Map.of("hidden", 2, "query-size", 1)),
                    manager, 2, 2, true, 2);
            RouterTests.set(router, "query", 1, -1);
            RouterTests.set(router, "weight1", 1, 0, 0, 1);       // identity into 2 hidden units
            RouterTests.set(router, "bias1", 0, -0.5f);
            RouterTests.set(router, "weight2", 2, 1);
            RouterTests.set(router, "bias2", 0.5f);
            // f(x) = 2 relu(x1) + relu(x2 - 0.5) + 0.5: keys (1,0) 2.5, (0,1) 1, (1,1) 3, (-1,2) 2; query 1, -1
            assertArrayEquals(new float[] {2.5f, 1, 3, -2.5f, -1, -2},
                    router.logits(RouterTests.perTask(manager)).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void aHiddenSizeOfZeroIsRefusedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RouterTests.create(provider(), Map.of("hidden", 0)));
        assertTrue(e.getMessage().contains("router 'mlp': setting 'hidden'"), e.getMessage());
        assertTrue(e.getMessage().contains("got '0'"), e.getMessage());
    }

    @Test
    void theDefaultsAreSixtyFourHiddenUnits() {
        try (NDManager manager = RouterTests.manager()) {
            Router router = RouterTests.initialised(RouterTests.create(provider(), Map.of()), manager, 2, 2, true, 4);
            assertEquals(64, router.parameters().get("bias1").size());
        }
    }
}
