package dev.crosspt.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The fp32 matrix-multiply rate of this machine, through the same engine and thread settings as the model. */
public final class GemmRate {

    private GemmRate() {}

    /**
     * Multiplies two {@code n x n} fp32 matrices repeatedly for about {@code seconds} and returns GFLOP/s.
     * (PyTorch's CPU operations are synchronous, so the clock sees every multiply complete.)
     */
    public static double measure(NDManager manager, int n, double seconds) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.randomNormal(new Shape(n, n));
            NDArray b = scope.randomNormal(new Shape(n, n));
            for (int i = 0; i < 3; i++) {
                a.matMul(b).close();
            }
            long start = System.nanoTime();
            int iterations = 0;
            double elapsed;
            do {
                a.matMul(b).close();
                iterations++;
                elapsed = (System.nanoTime() - start) / 1e9;
            } while (elapsed < seconds);
            return 2.0 * n * n * n * iterations / elapsed / 1e9;
        }
    }
}
