package dev.crosspt.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;

/** Shared helpers of the contracts: the engine, reproducible inputs and array assertions. */
final class ContractSupport {

    /** The engine every contract runs on. */
    static final String ENGINE = "PyTorch";

    private ContractSupport() {}

    /** The PyTorch engine. */
    static Engine engine() {
        return Engine.getEngine(ENGINE);
    }

    /** A fresh root manager; close it after the test. */
    static NDManager newManager() {
        return engine().newBaseManager();
    }

    /** {@code count} values uniform in {@code [-scale, scale]}, the same for the same seed. */
    static float[] uniform(long seed, int count, double scale) {
        Random random = new Random(seed);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return out;
    }

    /** {@code count} values uniform in {@code [low, high]}, the same for the same seed. */
    static float[] uniform(long seed, int count, double low, double high) {
        Random random = new Random(seed);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) (low + random.nextDouble() * (high - low));
        }
        return out;
    }

    /** An array that requires a gradient, like a trainable parameter. */
    static NDArray parameter(NDManager manager, float[] values, long... shape) {
        NDArray array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        return array;
    }

    /** Fails unless {@code array} has exactly {@code expected} as its shape. */
    static void assertShape(NDArray array, String what, long... expected) {
        assertEquals(new Shape(expected), array.getShape(), what + ": wrong shape");
    }

    /** Fails unless every value is finite (no NaN, no infinity). */
    static void assertFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                fail(what + ": value " + i + " is " + values[i] + " in " + Arrays.toString(values));
            }
        }
    }

    /** Fails when every value is zero. */
    static void assertNotAllZero(float[] values, String what) {
        for (float v : values) {
            if (v != 0f) {
                return;
            }
        }
        fail(what + ": every value is zero " + Arrays.toString(values));
    }

    /** Fails unless every value is exactly zero. */
    static void assertAllZero(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0f) {
                fail(what + ": value " + i + " is " + values[i] + ", expected 0");
            }
        }
    }

    /** Fails unless each of the {@code rows} rows of {@code values} is non-negative and sums to 1 within 1e-5. */
    static void assertRowsAreDistributions(float[] values, int rows, int columns, String what) {
        assertEquals(rows * columns, values.length, what + ": wrong number of weights");
        assertFinite(values, what);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                float v = values[r * columns + c];
                assertTrue(v >= 0f, what + ": row " + r + " has a negative weight " + v);
                sum += v;
            }
            float[] row = Arrays.copyOfRange(values, r * columns, (r + 1) * columns);
            assertEquals(1.0, sum, 1e-5, what + ": row " + r + " sums to " + sum + ": " + Arrays.toString(row));
        }
    }

    /** Fails unless the two arrays hold identical values. */
    static void assertSameValues(float[] expected, float[] actual, String what) {
        if (!Arrays.equals(expected, actual)) {
            fail(what + ": expected " + Arrays.toString(expected) + " but got " + Arrays.toString(actual));
        }
    }

    /** Several garbage collections with garbage in between, so that unreachable direct buffers are freed. */
    static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            byte[] garbage = new byte[32 << 20];
            garbage[i] = 1;
            System.gc();
        }
    }
}
