package dev.crosspt.bench;

import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Figures from one {@link BackboneBenchmark} run.
 *
 * @param device where the model ran
 * @param threads PyTorch intra-op threads
 * @param trainStepsPerS training steps per second (forward, backward to the prompt, AdamW step)
 * @param trainSamplesPerS training samples per second
 * @param evalSamplesPerS evaluation samples per second (forward only, no gradient)
 * @param peakRssMb peak resident memory of the process
 * @param gemmGflops fp32 matrix-multiply rate measured in the same run
 * @param stepGflop analytic FLOPs of one training step, in GFLOP
 * @param flopEfficiency step FLOPs divided by (step time x matrix-multiply rate)
 * @param rssMbStep200 resident memory after a tenth of the soak steps (step 200 of 2,000)
 * @param rssMbStep2000 resident memory after the last soak step
 * @param soakSteps soak steps run (0 when skipped)
 */
public record BackboneBenchResult(
        String device, int threads, double trainStepsPerS, double trainSamplesPerS, double evalSamplesPerS,
        double peakRssMb, double gemmGflops, double stepGflop, double flopEfficiency, double rssMbStep200,
        double rssMbStep2000, int soakSteps) {

    /** Relative resident-memory growth over the soak, e.g. 0.01 for 1%. */
    public double rssGrowth() {
        return rssMbStep2000 / rssMbStep200 - 1;
    }

    /** One JSON object, so that successive versions can be compared. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", device);
        m.put("threads", threads);
        m.put("train_steps_per_s", round(trainStepsPerS));
        m.put("train_samples_per_s", round(trainSamplesPerS));
        m.put("eval_samples_per_s", round(evalSamplesPerS));
        m.put("peak_rss_mb", round(peakRssMb));
        m.put("gemm_gflops", round(gemmGflops));
        m.put("step_gflop", round(stepGflop));
        m.put("flop_efficiency", round(flopEfficiency));
        m.put("rss_mb_step200", round(rssMbStep200));
        m.put("rss_mb_step2000", round(rssMbStep2000));
        m.put("rss_growth", round(rssGrowth()));
        m.put("soak_steps", soakSteps);
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(m);
    }

    /** A Markdown table with the targets beside the figures. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append("| figure | value | target |\n| --- | --- | --- |\n");
        row(out, "device / threads", device + " / " + threads, "");
        row(out, "train steps/s", fmt(trainStepsPerS), "");
        row(out, "train samples/s", fmt(trainSamplesPerS), "");
        row(out, "eval samples/s", fmt(evalSamplesPerS), "");
        row(out, "peak RSS (MiB)", fmt(peakRssMb), "");
        row(out, "fp32 GEMM (GFLOP/s)", fmt(gemmGflops), "");
        row(out, "training step (GFLOP)", fmt(stepGflop), "");
        row(out, "FLOP efficiency", String.format(Locale.ROOT, "%.1f%%", 100 * flopEfficiency), ">= 50%");
        row(out, "RSS at soak step " + soakSteps / 10 + " (MiB)", fmt(rssMbStep200), "");
        row(out, "RSS at soak step " + soakSteps + " (MiB)", fmt(rssMbStep2000), "");
        row(out, "RSS growth", String.format(Locale.ROOT, "%+.2f%%", 100 * rssGrowth()), "< 5%");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value, String target) {
        out.append("| ").append(name).append(" | ").append(value).append(" | ").append(target).append(" |\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
