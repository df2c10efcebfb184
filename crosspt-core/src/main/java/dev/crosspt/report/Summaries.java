package dev.crosspt.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Computes {@link ResultsTable#summarize()}: per-task statistics over seeds, then the across-task averages. */
final class Summaries {

    private static final Logger LOG = LoggerFactory.getLogger(Summaries.class);

    private record TaskKey(String method, String task, int shots, String metric) {
    }

    private record GroupKey(String method, int shots, String metric) {
    }

    private Summaries() {
    }

    static List<Summary> of(List<ResultRow> rows) {
        Map<TaskKey, List<Double>> perTask = new LinkedHashMap<>();
        // group -> seed -> task -> value, all in first-seen order
        Map<GroupKey, Map<Long, Map<String, Double>>> perSeed = new LinkedHashMap<>();
        Map<GroupKey, List<String>> tasks = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            perTask.computeIfAbsent(new TaskKey(r.method(), r.task(), r.shots(), r.metric()), k -> new ArrayList<>())
                    .add(r.value());
            GroupKey g = new GroupKey(r.method(), r.shots(), r.metric());
            perSeed.computeIfAbsent(g, k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.seed(), k -> new LinkedHashMap<>()).put(r.task(), r.value());
            List<String> known = tasks.computeIfAbsent(g, k -> new ArrayList<>());
            if (!known.contains(r.task())) {
                known.add(r.task());
            }
        }
        List<Summary> out = new ArrayList<>();
        perTask.forEach((k, values) -> out.add(summary(k.method(), k.task(), k.shots(), k.metric(), values)));
        perSeed.forEach((g, seeds) -> {
            List<Double> averages = new ArrayList<>();
            int taskCount = tasks.get(g).size();
            seeds.forEach((seed, byTask) -> {
                if (byTask.size() == taskCount) {
                    averages.add(mean(new ArrayList<>(byTask.values())));
                } else {
                    LOG.warn("{} / {} shots / {}: seed {} has {} of the {} tasks {}; left out of the task mean",
                            g.method(), g.shots(), g.metric(), seed, byTask.size(), taskCount, tasks.get(g));
                }
            });
            if (!averages.isEmpty()) {
                out.add(summary(g.method(), Summary.MEAN_TASK, g.shots(), g.metric(), averages));
            }
        });
        return List.copyOf(out);
    }

    private static Summary summary(String method, String task, int shots, String metric, List<Double> values) {
        int n = values.size();
        double mean = mean(values);
        double std = 0;
        if (n > 1) {
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            std = Math.sqrt(ss / (n - 1));
        }
        double ci95 = n < 2 ? Double.NaN
                : new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n);
        return new Summary(method, task, shots, metric, n, mean, std, ci95);
    }

    private static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }
}
