package dev.crosspt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.compose.PromptComposer;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainable prompts of a run: shared source prompts {@code [M, L, d]}, private prompts {@code [T, L, d]},
 * per-task router logits {@code [T, K]} and the shared prompt encoder, laid out as the variant asks.
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
    private final NDArray router;
    private final PromptEncoder encoder;

    /**
     * @param sourceInit {@code [M * L * d]} initial source prompts (from token embeddings or a saved bank), or
     *     null when the variant has no sources
     * @param privateInit {@code [T * L * d]} initial private prompts, or null when the variant has none
     */
    PromptBank(Variant variant, int tasks, int sourceCount, int promptLength, int dim, float[] sourceInit,
            float[] privateInit, PromptEncoder encoder, NDManager manager) {
        this.variant = variant;
        this.tasks = tasks;
        this.promptLength = promptLength;
        this.dim = dim;
        this.encoder = encoder;
        sources = sourceInit == null ? null : parameter(manager, sourceInit, sourceCount, promptLength, dim);
        privates = privateInit == null ? null : parameter(manager, privateInit, tasks, promptLength, dim);
        router = variant.usesRouter() ? parameter(manager, new float[tasks * candidates()], tasks, candidates()) : null;
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

    /** Shared prompt parameters (fast learning rate): sources and router. */
    Map<String, NDArray> sharedParameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        if (sources != null) {
            out.put("sources", sources);
        }
        if (router != null) {
            out.put("router", router);
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
        NDManager scope = context.scope();
        NDArray encodedSources = sources == null ? null : encodedSources(scope);
        NDArray encodedPrivates = privates == null ? null : encoder.apply(NDScopes.view(privates, scope));
        if (variant == Variant.P) {
            return encodedPrivates;
        }
        if (variant == Variant.MT_P) {
            return encodedSources.broadcast(new Shape(tasks, promptLength, dim));
        }
        NDArray weights = selector.select(NDScopes.view(router, scope), context);
        NDArray sourcesOrEmpty = encodedSources != null ? encodedSources : scope.zeros(new Shape(0, promptLength, dim));
        return composer.compose(sourcesOrEmpty, encodedPrivates, weights);
    }

    /**
     * The router weights at evaluation, {@code [T][K]}, or null when the variant has no router.
     */
    double[][] routerWeights(SelectionContext evaluation, SourceSelector selector) {
        if (router == null) {
            return null;
        }
        float[] flat = selector.select(NDScopes.view(router, evaluation.scope()), evaluation).toFloatArray();
        int k = candidates();
        double[][] out = new double[tasks][k];
        for (int t = 0; t < tasks; t++) {
            for (int c = 0; c < k; c++) {
                out[t][c] = flat[t * k + c];
            }
        }
        return out;
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
