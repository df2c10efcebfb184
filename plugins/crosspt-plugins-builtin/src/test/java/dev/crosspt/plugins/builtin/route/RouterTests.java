package dev.crosspt.plugins.builtin.route;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterShape;
import java.nio.FloatBuffer;
import java.util.Map;

/** What the router tests share: a router made from settings, initialised, with its parameters set by hand. */
final class RouterTests {

    private RouterTests() {}

    static NDManager manager() {
        return Engine.getEngine("PyTorch").newBaseManager();
    }

    static Router create(dev.crosspt.api.route.RouterProvider provider, Map<String, ?> settings) {
        return provider.create(PluginSettings.of("router '" + provider.name() + "'", settings));
    }

    static Router initialised(Router router, NDManager manager, int tasks, int sources, boolean privates, int dim) {
        router.initialize(manager, new RouterShape(tasks, sources, sources + (privates ? 1 : 0), 2, dim, 9));
        return router;
    }

    static void set(Router router, String name, float... values) {
        router.parameters().get(name).set(FloatBuffer.wrap(values));
    }

    /** Two sources and two tasks' private prompts of length 2, width 2, whose length-means are easy keys. */
    static RouterInput perTask(NDManager scope) {
        // source keys (1, 0) and (0, 1); private keys (1, 1) for task 0 and (-1, 2) for task 1
        NDArray sources = scope.create(new float[] {1, 0, 1, 0, 0, 1, 0, 1}, new Shape(2, 2, 2));
        NDArray privates = scope.create(new float[] {0, 2, 2, 0, -1, 2, -1, 2}, new Shape(2, 2, 2));
        return new RouterInput(scope, 2, sources, privates, null, null);
    }
}
