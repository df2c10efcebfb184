package dev.crosspt.checkpoint;

import java.util.Set;

/**
 * The feed-forward kind of a T5 config, parsed from {@code feed_forward_proj} exactly as transformers does:
 * "ACT" or "gated-ACT", where the legacy "gated-gelu" means the tanh approximation gelu_new.
 */
record FeedForward(String act, boolean gated) {

    private static final Set<String> SUPPORTED = Set.of("relu", "gelu", "gelu_new", "silu", "swish");

    static FeedForward parse(ConfigFields f) {
        String proj = f.string("feed_forward_proj", "relu");
        // limit -1 keeps empty parts, like Python's str.split, so "gated-" is rejected rather than read as "gated".
        String[] parts = proj.split("-", -1);
        boolean gated = parts[0].equals("gated");
        if (parts.length > 2 || (parts.length == 2 && !gated)) {
            throw f.error("feed_forward_proj is '" + proj + "', expected 'ACT' or 'gated-ACT' such as 'relu' or "
                    + "'gated-gelu'");
        }
        String act = proj.equals("gated-gelu") ? "gelu_new" : parts[parts.length - 1];
        if (!SUPPORTED.contains(act)) {
            throw f.error("feed_forward_proj is '" + proj + "': activation '" + act + "' is not supported, "
                    + "expected one of relu, gelu, gelu_new, silu, swish");
        }
        // transformers derives these from feed_forward_proj; a file that says otherwise is ambiguous.
        if (f.present("dense_act_fn") && !f.string("dense_act_fn", act).equals(act)) {
            throw f.error("dense_act_fn is '" + f.string("dense_act_fn", act) + "' but feed_forward_proj '" + proj
                    + "' means '" + act + "'; make them agree");
        }
        if (f.present("is_gated_act") && f.bool("is_gated_act", gated) != gated) {
            throw f.error("is_gated_act is " + !gated + " but feed_forward_proj '" + proj + "' means " + gated
                    + "; make them agree");
        }
        return new FeedForward(act, gated);
    }

    /** The feed_forward_proj that {@link #parse} reads back as (act, gated). */
    static String format(String act, boolean gated) {
        if (!gated) {
            return act;
        }
        return act.equals("gelu_new") ? "gated-gelu" : "gated-" + act;
    }
}
