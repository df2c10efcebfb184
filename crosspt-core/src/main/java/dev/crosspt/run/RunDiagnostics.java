package dev.crosspt.run;

import dev.crosspt.train.RouterDiagnostics;
import dev.crosspt.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's router diagnostics as results.csv metrics, per task: {@code router_entropy},
 * {@code router_effective_sources} (exp of the entropy), {@code router_private_mass} and {@code router_flat}
 * (0 or 1) from the best checkpoint's weights, when the variant has a router; {@code collapse} (0 or 1) from the
 * task's dev curve, when the result kept one. See {@link RouterDiagnostics} for the definitions.
 */
public final class RunDiagnostics {

    private RunDiagnostics() {}

    /** The metrics of task {@code t}, by name, in a fixed order. */
    public static Map<String, Double> metrics(TrainingResult result, int t) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (result.routerWeights() != null) {
            RouterDiagnostics d = RouterDiagnostics.of(result.routerWeights()[t],
                    result.candidates().contains("private"));
            out.put("router_entropy", d.entropy());
            out.put("router_effective_sources", d.effectiveCandidates());
            out.put("router_private_mass", d.privateMass());
            out.put("router_flat", d.flat() ? 1.0 : 0.0);
        }
        List<double[]> curve = result.taskCurves() == null ? null : result.taskCurves().get(result.tasks().get(t));
        if (curve != null && !curve.isEmpty()) {
            List<Double> dev = new ArrayList<>();
            curve.forEach(point -> dev.add(point[1]));
            out.put("collapse", RouterDiagnostics.collapsed(dev) ? 1.0 : 0.0);
        }
        return out;
    }
}
