package dev.crosspt.bench;

/**
 * Timings of repeated work, each run preceded by one sample of the matrix-multiply rate, so that the rate and
 * the work see the same state of a machine whose speed drifts (other processes, turbo, thermal limits).
 *
 * @param secondSamples seconds of each run
 * @param gemmSamples the rate sampled just before each run, GFLOP/s
 * @param flops analytic FLOPs of one run
 */
record Interleaved(double[] secondSamples, double[] gemmSamples, double flops) {

    /** Runs {@code work} {@code runs} times, each after one {@link GemmRate#sample()}. */
    static Interleaved run(int runs, GemmRate rate, Runnable work, double flops) {
        double[] seconds = new double[runs];
        double[] gemm = new double[runs];
        for (int i = 0; i < runs; i++) {
            gemm[i] = rate.sample();
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return new Interleaved(seconds, gemm, flops);
    }

    Spread seconds() {
        return Spread.of(secondSamples);
    }

    Spread gemm() {
        return Spread.of(gemmSamples);
    }

    /** Per run: its FLOPs over (its time x the rate sampled just before it). */
    Spread efficiency() {
        double[] e = new double[secondSamples.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = flops / (secondSamples[i] * gemmSamples[i] * 1e9);
        }
        return Spread.of(e);
    }
}
