package dev.crosspt.plugins.builtin.select;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adaptive source selection (the paper's first open question): a learned gate logit {@code g_k} per candidate,
 * shared by all tasks, switches candidates off for everyone. The tasks' private prompts are exempt by default
 * ({@code exempt-private}): pruning chooses among the shared sources, and a shared gate on the private column
 * could otherwise switch every task's private prompt off at once, silently turning SLP into SL.
 *
 * <p>Training: {@code gate = sigmoid((g + logistic noise) / gateTemperature)} (a relaxed Bernoulli sample);
 * evaluation: a hard gate, 1 where {@code sigmoid(g) >= threshold} and 0 elsewhere, never switching every
 * candidate off (the most probable one stays). The weights are {@code softmax(logits / temperature) * gate}
 * renormalised per row, computed as {@code softmax(logits / temperature + log gate)}. The
 * {@link #regularizer regularizer} {@code sparsity * sum(sigmoid(g))} (an L0-style penalty) pushes gates that
 * do not pay for themselves towards zero.
 */
public final class LearnedPruningSelector implements SourceSelector {

    /** The name of the gate in {@link #parameters()} (and in checkpoints). */
    public static final String GATE = "gate";

    private final Options options;
    private NDArray gate;
    /** M, the number of source columns, as the latest context said; -1 before any. */
    private volatile int sources = -1;

    /**
     * The selector's settings.
     *
     * @param temperature what the logits are divided by before the softmax
     * @param gateInit the initial gate logit of every candidate (2.0: gates start mostly open), finite
     * @param gateTemperature relaxation temperature of the training-time gate sample, positive
     * @param threshold gate probability at which a candidate survives at evaluation, in (0, 1)
     * @param sparsity weight of the penalty {@code sum(sigmoid(g))}, non-negative
     * @param exemptPrivate whether the private column (the candidates after the M sources) is never gated
     */
    public record Options(Temperature temperature, double gateInit, double gateTemperature, double threshold,
            double sparsity, boolean exemptPrivate) {

        /** Checks every value. */
        public Options {
            Objects.requireNonNull(temperature, "temperature");
            if (!Double.isFinite(gateInit)) {
                throw new IllegalArgumentException("learned-pruning: gate-init must be finite, got " + gateInit);
            }
            if (!(gateTemperature > 0) || !Double.isFinite(gateTemperature)) {
                throw new IllegalArgumentException("learned-pruning: gate-temperature must be positive, got " + gateTemperature);
            }
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("learned-pruning: threshold must be in (0, 1), got " + threshold);
            }
            if (!(sparsity >= 0) || !Double.isFinite(sparsity)) {
                throw new IllegalArgumentException("learned-pruning: sparsity must be non-negative, got " + sparsity);
            }
        }

        /**
         * The defaults: temperature 1, gate-init 2, gate-temperature 0.5, threshold 0.5, sparsity 0.01, private
         * prompts exempt.
         */
        public static Options defaults() {
            return new Options(new Temperature.Fixed(1.0), 2.0, 0.5, 0.5, 0.01, true);
        }
    }

    /**
     * Creates the selector; {@link #initialize} makes its gate.
     *
     * @param options its settings
     */
    public LearnedPruningSelector(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Its settings. */
    public Options options() {
        return options;
    }

    /** Creates the gate logits {@code [K]}, all {@code gateInit}, requiring a gradient, in {@code parameters}. */
    @Override
    public void initialize(NDManager parameters, int tasks, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("learned-pruning: needs at least one candidate, got " + candidates);
        }
        gate = parameters.full(new Shape(candidates), (float) options.gateInit());
        gate.setRequiresGradient(true);
    }

    /** {@code {"gate": [K]}} once initialised. */
    @Override
    public Map<String, NDArray> parameters() {
        return gate == null ? Map.of() : Map.of(GATE, gate);
    }

    @Override
    public NDArray select(NDArray logits, SelectionContext context) {
        int candidates = Ops.candidates(logits, "learned-pruning");
        requireGate(candidates);
        NDManager scope = context.scope();
        NDArray view = NDScopes.view(logits, scope);
        NDArray scaled = view.div(NDScopes.scalar(view, options.temperature().at(context)));
        sources = context.sources();
        NDArray logGate;
        if (context.training()) {
            NDArray g = NDScopes.view(gate, scope);
            logGate = Ops.logSigmoid(g.add(Ops.logisticNoise(scope, g.getShape()))
                    .div(NDScopes.scalar(g, options.gateTemperature())));
            // an exempt column's gate is log 1 = 0: always open, and its logit gets no gradient
            logGate = logGate.mul(scope.create(gated(candidates)));
        } else {
            boolean[] open = openGates();
            float[] keep = new float[open.length];
            for (int i = 0; i < open.length; i++) {
                keep[i] = open[i] ? 1f : 0f;
            }
            logGate = Ops.penalty(scope.create(keep));
        }
        return scaled.add(logGate).softmax(1);
    }

    /** {@code sparsity * sum(sigmoid(g))} in the step's scope, or null when sparsity is 0. */
    @Override
    public NDArray regularizer(SelectionContext context) {
        if (gate == null) {
            throw new IllegalStateException("learned-pruning: initialize(...) must be called before regularizer(...)");
        }
        if (options.sparsity() == 0) {
            return null;
        }
        sources = context.sources();
        NDArray g = NDScopes.view(gate, context.scope());
        NDArray total = Activation.sigmoid(g).mul(context.scope().create(gated((int) g.getShape().get(0)))).sum();
        return total.mul(NDScopes.scalar(total, options.sparsity()));
    }

    /**
     * {@code {"survivors": [names of the candidates evaluation keeps], "gate_probabilities": {name: sigmoid(g)}}},
     * the gate probabilities of gated columns only (exempt private columns always survive).
     *
     * @param sourceNames the names of the K candidates in column order
     */
    @Override
    public Map<String, Object> summary(List<String> sourceNames) {
        if (gate == null) {
            return Map.of();
        }
        double[] p = probabilities();
        if (sourceNames.size() != p.length) {
            throw new IllegalArgumentException("learned-pruning: " + sourceNames.size() + " names " + sourceNames
                    + " for " + p.length + " candidates");
        }
        boolean[] open = openGates();
        List<String> survivors = new ArrayList<>();
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            if (open[i]) {
                survivors.add(sourceNames.get(i));
            }
            if (!exempt(i)) {
                probabilities.put(sourceNames.get(i), p[i]);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("survivors", List.copyOf(survivors));
        out.put("gate_probabilities", probabilities);
        return out;
    }

    /** 1 for a column the gate may close, 0 for an exempt (private) one. */
    private float[] gated(int candidates) {
        float[] out = new float[candidates];
        for (int i = 0; i < candidates; i++) {
            out[i] = exempt(i) ? 0f : 1f;
        }
        return out;
    }

    /** Whether column {@code i} is a private prompt exempt from pruning (known once a context gave M). */
    private boolean exempt(int i) {
        int m = sources;
        return options.exemptPrivate() && m >= 0 && i >= m;
    }

    /** {@code sigmoid(g)} per candidate. */
    private double[] probabilities() {
        float[] g = gate.toFloatArray();
        double[] p = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            p[i] = 1 / (1 + Math.exp(-g[i]));
        }
        return p;
    }

    /** The evaluation gate: open at or above the threshold; the most probable stays open if none is. */
    private boolean[] openGates() {
        double[] p = probabilities();
        boolean[] open = new boolean[p.length];
        int best = 0;
        boolean any = false;
        for (int i = 0; i < p.length; i++) {
            open[i] = exempt(i) || p[i] >= options.threshold();
            any |= open[i];
            best = p[i] > p[best] ? i : best;
        }
        if (!any) {
            open[best] = true;
        }
        return open;
    }

    private void requireGate(int candidates) {
        if (gate == null) {
            throw new IllegalStateException("learned-pruning: initialize(...) must be called before select(...)");
        }
        if (gate.getShape().get(0) != candidates) {
            throw new IllegalArgumentException("learned-pruning: logits have " + candidates + " candidates but the gate"
                    + " was initialised for " + gate.getShape().get(0));
        }
    }
}
