package dev.crosspt.bench;

import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures from one {@link BackboneBenchmark} run. Times and rates are {@link Spread}s over the timed steps; each
 * efficiency is computed per step against the multiply rate sampled just before it.
 *
 * @param device where the model ran
 * @param threads PyTorch intra-op threads
 * @param batch samples per training step and evaluation batch
 * @param stepSeconds seconds per training step (forward, backward to the prompt, AdamW step)
 * @param evalSeconds seconds per evaluation batch (teacher-forced loss, no gradient)
 * @param gemmGflops fp32 matrix-multiply rate on the step's own shapes, sampled between steps and batches
 * @param trainEfficiency training-step FLOPs over (step time x rate)
 * @param evalEfficiency evaluation FLOPs over (batch time x rate)
 * @param stepGflop analytic FLOPs of one training step, in GFLOP
 * @param evalGflop analytic FLOPs of one evaluation batch, in GFLOP
 * @param peakRssMb peak resident memory of the process
 * @param soak resident memory over the memory soak, or null when skipped
 * @param base the T5-base line, or null when skipped
 * @param profiles where the time went, per phase (empty unless profiled)
 * @param trainFaults minor page faults per training step: fresh pages the allocator asked the system for
 * @param evalFaults minor page faults per evaluation batch
 */
public record BackboneBenchResult(
        String device, int threads, int batch, Spread stepSeconds, Spread evalSeconds, Spread gemmGflops,
        Spread trainEfficiency, Spread evalEfficiency, double stepGflop, double evalGflop, double peakRssMb,
        MemorySoak soak, BaseShapeLine base, List<OpProfile> profiles,
        Spread trainFaults, Spread evalFaults) {

    /** The bar a training step must clear, and the target, as fractions of the multiply rate. */
    public static final double EFFICIENCY_BAR = 0.5;

    /** The efficiency targets for training and evaluation. */
    public static final double EFFICIENCY_TARGET = 0.6;

    /** The target for resident-memory growth over the soak. */
    public static final double RSS_GROWTH_TARGET = 0.03;

    /** One JSON object, so that successive versions can be compared. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", device);
        m.put("threads", threads);
        m.put("batch", batch);
        m.put("train_steps_per_s", spread(stepSeconds.reciprocal()));
        m.put("train_samples_per_s", spread(stepSeconds.reciprocal().times(batch)));
        m.put("eval_samples_per_s", spread(evalSeconds.reciprocal().times(batch)));
        m.put("gemm_gflops", spread(gemmGflops));
        m.put("train_efficiency", spread(trainEfficiency));
        m.put("eval_efficiency", spread(evalEfficiency));
        m.put("step_gflop", round(stepGflop));
        m.put("eval_gflop", round(evalGflop));
        m.put("train_page_faults", spread(trainFaults));
        m.put("eval_page_faults", spread(evalFaults));
        m.put("peak_rss_mb", round(peakRssMb));
        if (soak != null) {
            m.put("soak_steps", soak.steps());
            m.put("soak_baseline_step", soak.baselineStep());
            m.put("rss_mb_soak_baseline", round(soak.baselineRssMb()));
            m.put("rss_mb_soak_end", round(soak.endRssMb()));
            m.put("rss_growth", round(soak.growth()));
        }
        if (base != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("batch", base.batch());
            b.put("seconds_per_step", spread(base.stepSeconds()));
            b.put("gemm_gflops", spread(base.gemmGflops()));
            b.put("efficiency", spread(base.efficiency()));
            b.put("step_gflop", round(base.stepGflop()));
            m.put("t5_base", b);
        }
        if (!profiles.isEmpty()) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (OpProfile profile : profiles) {
                Map<String, Object> phase = new LinkedHashMap<>();
                phase.put("calls_from_java", round(profile.callsFromJava()));
                phase.put("autograd_nodes", round(profile.autogradNodes()));
                Map<String, Object> ms = new LinkedHashMap<>();
                profile.categories().forEach((k, v) -> ms.put(k.name().toLowerCase(Locale.ROOT), round(v[0] / 1000)));
                phase.put("self_ms", ms);
                p.put(profile.phase(), phase);
            }
            m.put("profile", p);
        }
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(m);
    }

    /** A Markdown table with the targets beside the figures, then the T5-base line and any profile tables. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append("| figure | median | min-max | target |\n| --- | --- | --- | --- |\n");
        row(out, "device / threads / batch", device + " / " + threads + " / " + batch, "", "");
        row(out, "train steps/s", stepSeconds.reciprocal(), "%.3f", "");
        row(out, "train samples/s", stepSeconds.reciprocal().times(batch), "%.2f", "");
        row(out, "eval samples/s", evalSeconds.reciprocal().times(batch), "%.2f", "");
        row(out, "fp32 GEMM on the step's shapes (GFLOP/s)", gemmGflops, "%.1f", "");
        row(out, "training step (GFLOP)", fmt("%.1f", stepGflop), "", "");
        row(out, "evaluation batch (GFLOP)", fmt("%.1f", evalGflop), "", "");
        row(out, "training FLOP efficiency", trainEfficiency.times(100), "%.1f%%",
                fmt(">= %.0f%% (bar %.0f%%)", 100 * EFFICIENCY_TARGET, 100 * EFFICIENCY_BAR));
        row(out, "evaluation FLOP efficiency", evalEfficiency.times(100), "%.1f%%",
                fmt(">= %.0f%%", 100 * EFFICIENCY_TARGET));
        row(out, "minor page faults per training step", trainFaults, "%.0f", "");
        row(out, "minor page faults per evaluation batch", evalFaults, "%.0f", "");
        row(out, "peak RSS (MiB)", fmt("%.0f", peakRssMb), "", "");
        if (soak != null) {
            row(out, "RSS at soak step " + soak.baselineStep() + " / " + soak.steps() + " (MiB)",
                    fmt("%.0f / %.0f", soak.baselineRssMb(), soak.endRssMb()), "", "");
            row(out, "RSS growth over the soak", fmt("%+.2f%%", 100 * soak.growth()), "",
                    fmt("< %.0f%%", 100 * RSS_GROWTH_TARGET));
        }
        if (base != null) {
            out.append(fmt("%nT5-base shape, batch %d, %d steps: %.1f s per step (%.1f-%.1f), %.2f samples/s,"
                    + " %.1f GFLOP per step, FLOP efficiency %.1f%% against %.0f GFLOP/s on its shapes%n",
                    base.batch(), base.stepSeconds().count(), base.stepSeconds().median(), base.stepSeconds().min(),
                    base.stepSeconds().max(), base.batch() / base.stepSeconds().median(), base.stepGflop(),
                    100 * base.efficiency().median(), base.gemmGflops().median()));
        }
        for (OpProfile profile : profiles) {
            out.append(System.lineSeparator()).append(profile.toTable());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Spread value, String format, String target) {
        row(out, name, fmt(format, value.median()), fmt(format + "-" + format, value.min(), value.max()), target);
    }

    private static void row(StringBuilder out, String name, String median, String range, String target) {
        out.append("| ").append(name).append(" | ").append(median).append(" | ").append(range).append(" | ")
                .append(target).append(" |\n");
    }

    private static Map<String, Object> spread(Spread s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", round(s.median()));
        m.put("min", round(s.min()));
        m.put("max", round(s.max()));
        m.put("n", s.count());
        return m;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10000) / 10000.0 : v; // NaN for what was skipped
    }
}
