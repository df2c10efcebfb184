package dev.crosspt.plugins.builtin.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.RouterContract;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableRouterTest implements RouterContract, PluginProviderContract<RouterProvider> {

    @Override
    public Router createRouter() {
        return RouterTests.create(provider(), Map.of());
    }

    @Override
    public RouterProvider provider() {
        return new TableRouterProvider();
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
    void theLogitsAreTheTableZeroAtTheStartAndKeptAsRouter() {
        try (NDManager manager = RouterTests.manager()) {
            Router router = RouterTests.initialised(createRouter(), manager, 2, 2, true, 2);
            assertEquals(Set.of(""), router.parameters().keySet(), "the empty name: checkpoints keep it as 'router'");
            assertArrayEquals(new float[6], router.logits(RouterTests.perTask(manager)).toFloatArray());
            RouterTests.set(router, "", 1, 2, 3, 4, 5, 6);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, router.logits(RouterTests.perTask(manager)).toFloatArray());
        }
    }

    @Test
    void aLearningRateSettingGivesTheTableItsOwnRate() {
        assertEquals(0.02, RouterTests.create(provider(), Map.of("learning-rate", 0.02)).learningRate().getAsDouble());
        assertEquals(true, createRouter().learningRate().isEmpty(), "default: the shared prompts' rate");
    }
}
