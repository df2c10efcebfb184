package dev.crosspt.djl.t5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.t5.RelativePositionBuckets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Kept biases equal freshly computed ones, belong to the caller's scope, and are dropped when the table changes. */
class PositionBiasesTest {

    @Test
    void keptBiasesMatchFreshOnesAndFollowTheTableAfterClear() {
        try (NDManager weights = Engine.getEngine(Devices.ENGINE).newBaseManager()) {
            NDArray table = weights.randomNormal(new Shape(8, 3));
            PositionBiases biases = new PositionBiases(new RelativePositionBuckets(8, 16), 3);
            float[] kept;
            float[] again;
            float[] fresh;
            try (NDManager scope = weights.newSubManager()) {
                NDArray bias = biases.get(table, scope, 5, 7, false, true);
                assertEquals(new Shape(1, 3, 5, 7), bias.getShape());
                assertEquals(scope, bias.getManager(), "the caller's scope owns what it gets");
                kept = bias.toFloatArray();
                again = biases.get(table, scope, 5, 7, false, true).toFloatArray();
            }
            table.setRequiresGradient(true);
            try (NDManager scope = weights.newSubManager()) {
                fresh = biases.get(table, scope, 5, 7, false, true).toFloatArray();
            }
            table.setRequiresGradient(false);
            assertArrayEquals(kept, again);
            assertArrayEquals(kept, fresh);
            assertTrue(kept[1] < -1e30f, "key 1 comes after query 0: masked");

            table.muli(2);
            biases.clear();
            try (NDManager scope = weights.newSubManager()) {
                float[] changed = biases.get(table, scope, 5, 7, false, true).toFloatArray();
                assertFalse(Arrays.equals(kept, changed), "clear() kept a bias of the old table");
                assertEquals(2 * kept[0], changed[0], 1e-6f);
            }
        }
    }
}
