package dev.crosspt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.compose.PromptComposer;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterShape;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainable prompts of a run: shared source prompts {@code [M, L, d]}, private prompts {@code [T, L, d]}, the
 * router that gives the logits over each task's candidates, and the shared prompt encoder, laid out as the variant
 * asks.
 *
 * <p>All parameters live in one long-lived manager; {@link #compose} works on views in the step's scope.
 */
final class PromptBank {

    private final Variant variant;
    private final int tasks;
    private final int promptLength;
    private final int dim;
    private final NDArray sources;
    private final NDArray privates;
    private final Router router;
    private final PromptEncoder encoder;

    /**
     * @param sourceInit {@code [M * L * d]} initial source prompts (from token embeddings or a saved bank), or
     *     null when the variant has no sources
     * @param privateInit {@code [T * L * d]} initial private prompts, or null when the variant has none
     * @param router the run's router, initialised here when the variant has one (ignored otherwise)
     * @param routerSeed the seed of the router's initial parameters
     */
    PromptBank(Variant variant, int tasks, int sourceCount, int promptLength, int dim, float[] sourceInit,
            float[] privateInit, PromptEncoder encoder, Router router, long routerSeed, NDManager manager) {
        this.variant = variant;
        this.tasks = tasks;
        this.promptLength = promptLength;
        this.dim = dim;
        this.encoder = encoder;
        sources = sourceInit == null ? null : parameter(manager, sourceInit, sourceCount, promptLength, dim);
        privates = privateInit == null ? null : parameter(manager, privateInit, tasks, promptLength, dim);
        this.router = variant.usesRouter() ? router : null;
        if (this.router != null) {
            router.initialize(manager, new RouterShape(tasks, sourceCount(), candidates(), promptLength, dim, routerSeed));
        }
    }

    private static NDArray parameter(NDManager manager, float[] values, long... shape) {
        NDArray array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        return array;
    }

    /** True when tasks have router weights to learn. */
    boolean usesRouter() {
        return router != null;
    }

    /** True when the router weighs the candidates per example: prompts are then composed per example. */
    boolean perExample() {
        return router != null && router.perExample();
    }

    /** Number of source prompts M (0 for P). */
    int sourceCount() {
        return sources == null ? 0 : Math.toIntExact(sources.getShape().get(0));
    }

    /** Number of weighted candidates K per task: the sources, plus the private prompt when there is one. */
    int candidates() {
        return sourceCount() + (privates == null ? 0 : 1);
    }

    /** Names of the K candidates in router-column order: {@code source-1..M}, then {@code private}. */
    List<String> candidateNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= sourceCount(); i++) {
            names.add("source-" + i);
        }
        if (privates != null) {
            names.add("private");
        }
        return names;
    }

    /** Shared prompt parameters (fast learning rate): the sources, and the router's unless it has its own rate. */
    Map<String, NDArray> sharedParameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        if (sources != null) {
            out.put("sources", sources);
        }
        if (router != null && router.learningRate().isEmpty()) {
            out.putAll(routerParameters());
        }
        return out;
    }

    /** The router's parameters by checkpoint name: {@code router.<name>}, {@code router} for the empty name. */
    Map<String, NDArray> routerParameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        if (router != null) {
            router.parameters().forEach((name, array) -> out.put(name.isEmpty() ? "router" : "router." + name, array));
        }
        return out;
    }

    /** The shared prompt encoder's weights (their own, small learning rate). */
    Map<String, NDArray> encoderParameters() {
        return encoder.parameters();
    }

    /** Private parameters (slow learning rate). */
    Map<String, NDArray> privateParameters() {
        return privates == null ? Map.of() : Map.of("privates", privates);
    }

    /**
     * Every task's prompt.
     *
     * @return {@code [T, L', d]} in {@code context.scope()}
     */
    NDArray compose(SelectionContext context, SourceSelector selector, PromptComposer composer) {
        if (perExample()) {
            throw new IllegalStateException("a per-example router composes prompts per example: use composeFor");
        }
        NDManager scope = context.scope();
        NDArray encodedSources = sources == null ? null : encodedSources(scope);
        NDArray encodedPrivates = privates == null ? null : encoder.apply(NDScopes.view(privates, scope));
        if (variant == Variant.P) {
            return encodedPrivates;
        }
        if (variant == Variant.MT_P) {
            return encodedSources.broadcast(new Shape(tasks, promptLength, dim));
        }
        NDArray logits = router.logits(new RouterInput(scope, tasks, encodedSources, encodedPrivates, null, null));
        NDArray weights = selector.select(logits, context);
        NDArray sourcesOrEmpty = encodedSources != null ? encodedSources : scope.zeros(new Shape(0, promptLength, dim));
        return composer.compose(sourcesOrEmpty, encodedPrivates, weights);
    }

    /**
     * One prompt per example, for a per-example router: the composer gets one weight row and one private prompt
     * per example.
     *
     * @param features {@code [B, d]} the examples' input features
     * @param taskIds each example's task
     * @return {@code [B, L', d]} in {@code context.scope()}
     */
    NDArray composeFor(SelectionContext context, SourceSelector selector, PromptComposer composer, NDArray features,
            long[] taskIds) {
        NDManager scope = context.scope();
        NDArray encodedSources = sources == null ? null : encodedSources(scope);
        NDArray encodedPrivates = privates == null ? null : encoder.apply(NDScopes.view(privates, scope));
        RouterInput input = new RouterInput(scope, tasks, encodedSources, encodedPrivates, features, taskIds);
        NDArray weights = selector.select(router.logits(input), context);
        NDArray sourcesOrEmpty = encodedSources != null ? encodedSources : scope.zeros(new Shape(0, promptLength, dim));
        return composer.compose(sourcesOrEmpty, encodedPrivates == null ? null : input.byTask(encodedPrivates), weights);
    }

    /**
     * The router weights at evaluation, {@code [T][K]} (per-task router), or null when the variant has no router or
     * its router weighs per example (see {@link #weightsFor}).
     */
    double[][] routerWeights(SelectionContext evaluation, SourceSelector selector) {
        if (router == null || perExample()) {
            return null;
        }
        NDManager scope = evaluation.scope();
        NDArray encodedSources = sources == null ? null : encodedSources(scope);
        NDArray encodedPrivates = privates == null ? null : encoder.apply(NDScopes.view(privates, scope));
        NDArray logits = router.logits(new RouterInput(scope, tasks, encodedSources, encodedPrivates, null, null));
        return rows(selector.select(logits, evaluation), tasks);
    }

    /** A per-example router's weights for these examples at evaluation, {@code [B][K]}. */
    double[][] weightsFor(SelectionContext evaluation, SourceSelector selector, NDArray features, long[] taskIds) {
        NDManager scope = evaluation.scope();
        NDArray encodedSources = sources == null ? null : encodedSources(scope);
        NDArray encodedPrivates = privates == null ? null : encoder.apply(NDScopes.view(privates, scope));
        NDArray logits = router.logits(new RouterInput(scope, tasks, encodedSources, encodedPrivates, features, taskIds));
        return rows(selector.select(logits, evaluation), taskIds.length);
    }

    private double[][] rows(NDArray weights, int count) {
        float[] flat = weights.toFloatArray();
        int k = candidates();
        double[][] out = new double[count][k];
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < k; c++) {
                out[r][c] = flat[r * k + c];
            }
        }
        return out;
    }

    /** The router, or null when the variant has none. */
    Router router() {
        return router;
    }

    /**
     * The sources as the composer sees them. A saved bank holds prompts that already went through an encoder, so
     * the initialised variants (SIL, SILP) use their sources as they are; the others encode them.
     */
    private NDArray encodedSources(NDManager scope) {
        NDArray view = NDScopes.view(sources, scope);
        return variant.initialisesSources() ? view : encoder.apply(view);
    }

    /** The encoded source prompts {@code [M, L, d]} as a flat array, for a source bank, or null. */
    float[] encodedSourceValues(NDManager scope) {
        return sources == null ? null : encodedSources(scope).toFloatArray();
    }
}
