package dev.crosspt.bench;

import java.util.Set;

/**
 * Kinds of operation a T5 step spends its time in, told apart by the ATen operator's name and, where the name
 * alone is ambiguous, by its input shapes (an addition to 4-D attention scores is masking; a division or
 * multiplication that broadcasts over the last axis is a norm).
 */
public enum OpCategory {
    /** {@code mm}, {@code bmm}, {@code matmul} and relatives. */
    MATMUL("matrix multiplies"),
    /** Softmax of the attention scores, its backward pass, and the addition of position bias and mask. */
    ATTENTION_SOFTMAX_MASK("attention softmax and masking"),
    /** The RMS norms: square, mean, square root and the broadcast division and weight multiply. */
    NORM("norms"),
    /** Everything else computed element by element: residual additions, activations, dropout's multiply. */
    ELEMENTWISE("elementwise"),
    /** Copies, concatenations, type conversions, allocations and views. */
    COPY_LAYOUT("copies and layout changes"),
    /** Drawing dropout masks or their seeds. */
    DROPOUT("dropout masks"),
    /** Log-softmax over the vocabulary and picking the targets. */
    LOSS("loss"),
    /** Token and position-bucket lookups. */
    EMBEDDING("embedding lookups"),
    /** The autograd engine's own work between operators. */
    AUTOGRAD("autograd bookkeeping");

    private static final Set<String> MATMULS = Set.of("mm", "bmm", "addmm", "matmul", "linear", "baddbmm", "addbmm",
            "dot", "mv");
    private static final Set<String> SOFTMAX = Set.of("_softmax", "softmax", "_softmax_backward_data");
    private static final Set<String> LOSSES = Set.of("_log_softmax", "log_softmax", "_log_softmax_backward_data",
            "gather", "scatter_add_", "scatter_add", "nll_loss", "nll_loss_forward", "nll_loss_backward");
    private static final Set<String> MASKS = Set.of("bernoulli_", "bernoulli", "native_dropout",
            "native_dropout_backward", "dropout", "feature_dropout", "randint", "random_", "uniform_", "rand");
    private static final Set<String> LOOKUPS = Set.of("embedding", "index_select", "embedding_backward",
            "embedding_dense_backward", "index_add_", "index_put_", "_index_put_impl_");
    private static final Set<String> NORMS = Set.of("pow", "mean", "sqrt", "rsqrt", "square");
    private static final Set<String> LAYOUT = Set.of("copy_", "clone", "contiguous", "cat", "_to_copy", "to",
            "empty", "empty_like", "empty_strided", "fill_", "zero_", "zeros", "zeros_like", "ones", "ones_like",
            "full", "as_strided", "view", "reshape", "_reshape_alias", "permute", "transpose", "t", "expand",
            "split", "split_with_sizes", "narrow", "slice", "select", "unsqueeze", "squeeze", "_unsafe_view",
            "detach", "alias", "resolve_conj", "resolve_neg", "lift_fresh", "set_", "repeat", "tile",
            "broadcast_to", "stack", "unbind", "chunk", "numpy_T", "expand_as", "view_as", "flatten", "_copy_from");
    private static final Set<String> BROADCASTABLE = Set.of("div", "mul", "div_", "mul_");
    private static final Set<String> MASKABLE = Set.of("add", "add_", "where", "masked_fill", "masked_fill_");

    private final String label;

    OpCategory(String label) {
        this.label = label;
    }

    /** How a table names this kind. */
    public String label() {
        return label;
    }

    /**
     * The kind of one profiled operator.
     *
     * @param name the profiler's event name, {@code aten::mm} or an autograd node such as {@code MmBackward0}
     * @param shapes the shapes of its inputs as the profiler recorded them (empty lists for non-tensors)
     */
    public static OpCategory of(String name, long[][] shapes) {
        if (!name.startsWith("aten::")) {
            return AUTOGRAD;
        }
        String op = name.substring("aten::".length());
        if (MATMULS.contains(op)) {
            return MATMUL;
        }
        if (SOFTMAX.contains(op)) {
            return ATTENTION_SOFTMAX_MASK;
        }
        if (LOSSES.contains(op)) {
            return LOSS;
        }
        if (MASKS.contains(op)) {
            return DROPOUT;
        }
        if (LOOKUPS.contains(op)) {
            return EMBEDDING;
        }
        if (NORMS.contains(op)) {
            return NORM;
        }
        if (LAYOUT.contains(op)) {
            return COPY_LAYOUT;
        }
        if (MASKABLE.contains(op) && shapes.length > 0 && shapes[0].length == 4) {
            return ATTENTION_SOFTMAX_MASK;
        }
        if (BROADCASTABLE.contains(op) && broadcastsOverLastAxis(shapes)) {
            return NORM;
        }
        return ELEMENTWISE;
    }

    /** Two tensors of which one has a last axis of 1 (a per-position statistic) or is 1-D (a norm weight). */
    private static boolean broadcastsOverLastAxis(long[][] shapes) {
        if (shapes.length < 2 || shapes[0].length < 2 || shapes[1].length == 0) {
            return false;
        }
        long[] a = shapes[0];
        long[] b = shapes[1];
        long lastA = a[a.length - 1];
        long lastB = b[b.length - 1];
        return (lastB == 1 && lastA > 1) || (b.length == 1 && lastB == lastA && lastA > 1);
    }
}
