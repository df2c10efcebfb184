package dev.crosspt.plugins.builtin;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.crosspt.api.select.SelectionContext;

/** Hand computations in plain Java that the tests compare against, and the engine. */
public final class Reference {

    private Reference() {}

    /** A fresh manager on the PyTorch engine; close it. */
    public static NDManager manager() {
        return Engine.getEngine("PyTorch").newBaseManager();
    }

    /** A training context at {@code step} of {@code total}. */
    public static SelectionContext training(NDManager scope, long step, long total, int samplesPerTask) {
        return new SelectionContext(scope, true, step, total, samplesPerTask, 3);
    }

    /** An evaluation context. */
    public static SelectionContext evaluation(NDManager scope) {
        return new SelectionContext(scope, false, 100, 100, 32, 3);
    }

    /** Row-wise softmax of {@code values * scale} for rows of {@code columns}. */
    public static float[] softmax(float[] values, int columns, double scale) {
        float[] out = new float[values.length];
        for (int r = 0; r < values.length / columns; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < columns; c++) {
                max = Math.max(max, values[r * columns + c] * scale);
            }
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                sum += Math.exp(values[r * columns + c] * scale - max);
            }
            for (int c = 0; c < columns; c++) {
                out[r * columns + c] = (float) (Math.exp(values[r * columns + c] * scale - max) / sum);
            }
        }
        return out;
    }

    /** The logistic function. */
    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
