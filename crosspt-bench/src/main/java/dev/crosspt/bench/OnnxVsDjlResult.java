package dev.crosspt.bench;

import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Figures from one {@link OnnxVsDjlBenchmark} run.
 *
 * @param model the model shape ({@code t5-small-random} or {@code t5-tiny-random})
 * @param threads intra-op threads of both engines
 * @param batch samples per batch
 * @param sourceTokens prompt + input positions per sample
 * @param targetTokens teacher-forced decoder positions
 * @param timedBatches timed batches per engine
 * @param djlEngine DJL's engine and version
 * @param ortEngine ONNX Runtime's version
 * @param djlSamplesPerS DJL PyTorch evaluation samples per second
 * @param ortSamplesPerS ONNX Runtime evaluation samples per second
 * @param maxAbsLogitDiff largest absolute difference between the two engines' logits on the same batch
 * @param candidates label candidates per sample in the rank-classification measurement
 * @param djlRankSamplesPerS DJL PyTorch rank-classification samples per second (every candidate scored)
 * @param ortRankSamplesPerS ONNX Runtime rank-classification samples per second
 * @param maxAbsScoreDiff largest absolute difference between the two engines' candidate log-likelihoods
 * @param exportSeconds time to export the checkpoint to ONNX
 * @param gemmGflops the fp32 matrix-multiply rate on the model's shapes, sampled before every timed logits batch
 * @param djlEfficiency DJL's evaluation FLOPs over (batch time x the rate sampled just before it), per batch
 * @param ortEfficiency the same for ONNX Runtime
 */
public record OnnxVsDjlResult(
        String model, int threads, int batch, int sourceTokens, int targetTokens, int timedBatches, String djlEngine,
        String ortEngine, double djlSamplesPerS, double ortSamplesPerS, double maxAbsLogitDiff, int candidates,
        double djlRankSamplesPerS, double ortRankSamplesPerS, double maxAbsScoreDiff, double exportSeconds,
        Spread gemmGflops, Spread djlEfficiency, Spread ortEfficiency) {

    /** The target speed-up of ONNX Runtime over DJL PyTorch. */
    public static final double TARGET_RATIO = 1.5;

    /** The target FLOP efficiency of ONNX Runtime's evaluation, as for DJL's in {@code bench backbone}. */
    public static final double TARGET_EFFICIENCY = 0.6;

    /** ONNX Runtime samples/s divided by DJL PyTorch samples/s. */
    public double ratio() {
        return ortSamplesPerS / djlSamplesPerS;
    }

    /** The same ratio for rank classification. */
    public double rankRatio() {
        return ortRankSamplesPerS / djlRankSamplesPerS;
    }

    /** One JSON object. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("threads", threads);
        m.put("batch", batch);
        m.put("source_tokens", sourceTokens);
        m.put("target_tokens", targetTokens);
        m.put("timed_batches", timedBatches);
        m.put("djl_engine", djlEngine);
        m.put("ort_engine", ortEngine);
        m.put("djl_eval_samples_per_s", round(djlSamplesPerS));
        m.put("ort_eval_samples_per_s", round(ortSamplesPerS));
        m.put("ratio_ort_over_djl", round(ratio()));
        m.put("target_ratio", TARGET_RATIO);
        m.put("max_abs_logit_diff", maxAbsLogitDiff);
        m.put("candidates", candidates);
        m.put("djl_rank_samples_per_s", round(djlRankSamplesPerS));
        m.put("ort_rank_samples_per_s", round(ortRankSamplesPerS));
        m.put("rank_ratio_ort_over_djl", round(rankRatio()));
        m.put("max_abs_score_diff", maxAbsScoreDiff);
        m.put("export_s", round(exportSeconds));
        m.put("gemm_gflops_median", round(gemmGflops.median()));
        m.put("gemm_gflops_min", round(gemmGflops.min()));
        m.put("gemm_gflops_max", round(gemmGflops.max()));
        m.put("djl_eval_efficiency_median", round(djlEfficiency.median()));
        m.put("ort_eval_efficiency_median", round(ortEfficiency.median()));
        m.put("ort_eval_efficiency_min", round(ortEfficiency.min()));
        m.put("ort_eval_efficiency_max", round(ortEfficiency.max()));
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(m);
    }

    /** A Markdown table with the target beside the ratio. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append("| figure | value | target |\n| --- | --- | --- |\n");
        row(out, "model / threads", model + " / " + threads, "");
        row(out, "batch x (prompt + input) -> targets", batch + " x " + sourceTokens + " -> " + targetTokens, "");
        row(out, "timed batches per engine", Integer.toString(timedBatches), "");
        row(out, "DJL eval samples/s (" + djlEngine + ")", fmt(djlSamplesPerS), "");
        row(out, "ORT eval samples/s (" + ortEngine + ")", fmt(ortSamplesPerS), "");
        row(out, "ratio ORT / DJL", String.format(Locale.ROOT, "%.2fx", ratio()),
                String.format(Locale.ROOT, ">= %.1fx", TARGET_RATIO));
        row(out, "max abs logit difference", String.format(Locale.ROOT, "%.2e", maxAbsLogitDiff), "");
        row(out, "fp32 GEMM on the model's shapes (GFLOP/s), median (min-max)", String.format(Locale.ROOT,
                "%.1f (%.1f-%.1f)", gemmGflops.median(), gemmGflops.min(), gemmGflops.max()), "");
        row(out, "DJL eval FLOP efficiency, median (min-max)", percent(djlEfficiency), "");
        row(out, "ORT eval FLOP efficiency, median (min-max)", percent(ortEfficiency),
                String.format(Locale.ROOT, ">= %.0f%%", 100 * TARGET_EFFICIENCY));
        row(out, "DJL rank-classification samples/s (" + candidates + " candidates)", fmt(djlRankSamplesPerS), "");
        row(out, "ORT rank-classification samples/s (" + candidates + " candidates)", fmt(ortRankSamplesPerS), "");
        row(out, "rank-classification ratio ORT / DJL", String.format(Locale.ROOT, "%.2fx", rankRatio()), "");
        row(out, "max abs candidate score difference", String.format(Locale.ROOT, "%.2e", maxAbsScoreDiff), "");
        row(out, "ONNX export (s)", fmt(exportSeconds), "");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value, String target) {
        out.append("| ").append(name).append(" | ").append(value).append(" | ").append(target).append(" |\n");
    }

    private static String percent(Spread s) {
        return String.format(Locale.ROOT, "%.1f%% (%.1f%%-%.1f%%)", 100 * s.median(), 100 * s.min(), 100 * s.max());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
