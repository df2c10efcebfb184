package dev.crosspt.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.checkpoint.T5Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The fp32 matrix-multiply rate of this machine on the shapes a T5 training step itself multiplies, through the
 * same engine and thread settings as the model. One {@link #sample()} times one encoder layer's worth of
 * projections (the fused query-key-value, the output and both feed-forward multiplies) on the step's
 * {@code batch x positions} rows; benchmarks take a sample before every timed step, so that the rate and the step
 * see the same machine, and report the median and spread of both.
 */
public final class GemmRate implements AutoCloseable {

    private final NDManager scope;
    private final List<NDArray[]> products = new ArrayList<>();
    private final double flopsPerRound;
    private final int rounds;

    /**
     * @param config the model whose shapes to multiply
     * @param rowCount rows of the activations: batch times encoder positions
     * @param minSampleFlops each sample repeats the round until it has done at least this many FLOPs
     */
    public GemmRate(NDManager manager, T5Config config, int rowCount, double minSampleFlops) {
        scope = manager.newSubManager();
        int d = config.dModel();
        int inner = config.innerDim();
        int ff = config.dFf() * (config.gatedAct() ? 2 : 1);
        NDArray rows = scope.randomNormal(new Shape(rowCount, d));
        NDArray context = inner == d ? rows : scope.randomNormal(new Shape(rowCount, inner));
        NDArray wide = scope.randomNormal(new Shape(rowCount, config.dFf()));
        products.add(new NDArray[] {rows, scope.randomNormal(new Shape(d, 3L * inner))});
        products.add(new NDArray[] {context, scope.randomNormal(new Shape(inner, d))});
        products.add(new NDArray[] {rows, scope.randomNormal(new Shape(d, ff))});
        products.add(new NDArray[] {wide, scope.randomNormal(new Shape(config.dFf(), d))});
        flopsPerRound = 2.0 * rowCount * ((double) d * 3 * inner + (double) inner * d + (double) d * ff
                + (double) config.dFf() * d);
        rounds = (int) Math.max(1, Math.ceil(minSampleFlops / flopsPerRound));
        round(); // first touch of the buffers and the kernels
    }

    /** The rate of one sample, in GFLOP/s (PyTorch's CPU operations are synchronous: the clock sees every multiply). */
    public double sample() {
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            round();
        }
        return flopsPerRound * rounds / ((System.nanoTime() - start) / 1e9) / 1e9;
    }

    private void round() {
        for (NDArray[] pair : products) {
            pair[0].matMul(pair[1]).close();
        }
    }

    @Override
    public void close() {
        scope.close();
    }
}
