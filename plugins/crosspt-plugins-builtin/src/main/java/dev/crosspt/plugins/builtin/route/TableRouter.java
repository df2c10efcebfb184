package dev.crosspt.plugins.builtin.route;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterShape;
import java.util.Map;
import java.util.OptionalDouble;

/** A free logit per task and candidate, {@code [T, K]}, zero at the start: every candidate weighs the same. */
final class TableRouter implements Router {

    /** Kept in checkpoints as {@code router}, as before routers were plugins. */
    static final String TABLE = "";

    private final RouterParameters parameters = new RouterParameters();
    private final OptionalDouble learningRate;

    TableRouter(OptionalDouble learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void initialize(NDManager manager, RouterShape shape) {
        parameters.zeros(manager, TABLE, shape.tasks(), shape.candidates());
    }

    @Override
    public Map<String, NDArray> parameters() {
        return parameters.all();
    }

    @Override
    public NDArray logits(RouterInput input) {
        NDArray table = parameters.view(TABLE, input.scope());
        return input.perExample() ? input.byTask(table) : table;
    }

    @Override
    public OptionalDouble learningRate() {
        return learningRate;
    }
}
