package dev.crosspt.djl.t5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.djl.engine.Devices;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The Java-drawn dropout mask: the right rate and scale, fixed by the engine's seed, and on the gradient path. */
class DropoutNoiseTest {

    @Test
    void dropsAboutTheRateAndScalesTheRest() {
        int size = 5 * DropoutNoise.CHUNK + 123; // parallel path, and a ragged last chunk
        FloatBuffer out = FloatBuffer.allocate(size);
        DropoutNoise.fill(out, size, 7, 0.1f);
        int dropped = 0;
        for (int i = 0; i < size; i++) {
            float v = out.get(i);
            if (v == 0f) {
                dropped++;
            } else {
                assertEquals(1f / 0.9f, v, 0f, "kept element " + i);
            }
        }
        double rate = dropped / (double) size;
        // binomial standard deviation at this size is about 0.0016
        assertEquals(0.1, rate, 0.01, "drop rate");
    }

    @Test
    void theSameSeedGivesTheSameMaskAndAnotherSeedAnother() {
        int size = 3 * DropoutNoise.CHUNK;
        FloatBuffer a = FloatBuffer.allocate(size);
        FloatBuffer b = FloatBuffer.allocate(size);
        FloatBuffer c = FloatBuffer.allocate(size);
        DropoutNoise.fill(a, size, 11, 0.5f);
        DropoutNoise.fill(b, size, 11, 0.5f);
        DropoutNoise.fill(c, size, 12, 0.5f);
        assertArrayEquals(a.array(), b.array());
        assertFalse(Arrays.equals(a.array(), c.array()));
    }

    @Test
    void theEngineSeedFixesTheMaskAndTheGradientSeesIt() {
        Engine engine = Engine.getEngine(Devices.ENGINE);
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.ones(new Shape(4, 300));
            x.setRequiresGradient(true);
            engine.setRandomSeed(5);
            float[] first;
            float[] gradient;
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = engine.newGradientCollector()) {
                NDArray view = x.reshape(x.getShape());
                view.attach(scope);
                NDArray y = DropoutNoise.apply(view, 0.25f);
                first = y.toFloatArray();
                collector.backward(y.sum());
            }
            try (NDArray g = x.getGradient()) {
                gradient = g.toFloatArray();
            }
            engine.setRandomSeed(5);
            float[] again;
            float[] next;
            try (NDManager scope = manager.newSubManager()) {
                again = DropoutNoise.apply(scope.ones(x.getShape()), 0.25f).toFloatArray();
                next = DropoutNoise.apply(scope.ones(x.getShape()), 0.25f).toFloatArray();
            }
            assertArrayEquals(first, again, "same engine seed, different mask");
            assertFalse(Arrays.equals(first, next), "two calls drew the same mask");
            // d(sum(x * noise))/dx = noise, and x is all ones
            assertArrayEquals(first, gradient, "the gradient is not the mask");
            long zeros = 0;
            for (float v : first) {
                assertTrue(v == 0f || v == 1f / 0.75f, "value " + v);
                zeros += v == 0f ? 1 : 0;
            }
            assertTrue(zeros > 0 && zeros < first.length, "dropped " + zeros + " of " + first.length);
        }
    }
}
