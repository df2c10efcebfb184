package com.example.crosspt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.api.route.RouterShape;
import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.RouterContract;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router contract and the plugin contract from crosspt-testkit, and what cosine promises. */
class CosineRouterTest implements RouterContract, PluginProviderContract<RouterProvider> {

    @Override
    public Router createRouter() {
        return provider().create(PluginSettings.empty("router 'cosine'"));
    }

    @Override
    public RouterProvider provider() {
        return new CosineRouterProvider();
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
    void logitsAreTheScaledCosineOfQueryAndKey() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Router router = provider().create(PluginSettings.of("router 'cosine'", Map.of("scale", 2)));
            router.initialize(manager, new RouterShape(1, 2, 2, 1, 2, 3));
            router.parameters().get("query").set(FloatBuffer.wrap(new float[] {3, 0}));
            // keys (1, 0) and (1, 1): cosines 1 and 1/sqrt(2)
            RouterInput input = new RouterInput(manager, 1,
                    manager.create(new float[] {1, 0, 1, 1}, new Shape(2, 1, 2)), null, null, null);
            assertArrayEquals(new float[] {2, (float) Math.sqrt(2)}, router.logits(input).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void aScaleOfZeroIsRefusedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> provider().create(PluginSettings.of("router 'cosine'", Map.of("scale", 0))));
        assertTrue(e.getMessage().contains("setting 'scale'"), e.getMessage());
    }
}
