package dev.crosspt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.api.route.RouterShape;
import java.util.Map;

/**
 * A per-example router whose weights depend on the input in a known way, for two candidates: logits
 * {@code 1000 (x0 - threshold)} and its negative, where {@code x0} is the first coordinate of the input's pooled
 * embeddings. Under a softmax an example weighs source 1 fully when {@code x0 > threshold}, source 2 otherwise.
 */
public final class InputSignRouterProvider implements RouterProvider {

    /** The threshold the test sets before training. */
    static volatile double threshold;

    /** For Plugins.find by class name. */
    public InputSignRouterProvider() {}

    @Override
    public String name() {
        return "input-sign";
    }

    @Override
    public String description() {
        return "test router: source 1 when the input's first pooled coordinate is above a threshold, else source 2";
    }

    @Override
    public Router create(PluginSettings settings) {
        settings.requireOnly();
        return new Router() {
            @Override
            public void initialize(NDManager parameters, RouterShape shape) {
                if (shape.candidates() != 2) {
                    throw new IllegalArgumentException("input-sign: needs two candidates, got " + shape.candidates());
                }
            }

            @Override
            public Map<String, NDArray> parameters() {
                return Map.of();
            }

            @Override
            public NDArray logits(RouterInput input) {
                NDArray first = input.inputs().get(":, 0:1").sub((float) threshold);
                NDArray scaled = first.mul(NDScopes.scalar(first, 1000));
                return scaled.concat(scaled.neg(), 1);
            }

            @Override
            public boolean perExample() {
                return true;
            }
        };
    }
}
