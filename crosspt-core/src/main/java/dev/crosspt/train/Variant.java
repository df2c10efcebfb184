package dev.crosspt.train;

import dev.crosspt.api.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The prompt-bank variants of the CrossPT paper and the authors' configs.
 *
 * <p>Each task's prompt is built from up to two kinds of prompts: shared <em>source</em> prompts, weighted by a
 * per-task router, and the task's own <em>private</em> prompt.
 */
public enum Variant {
    /** Private prompt only: vanilla prompt tuning, one prompt per task. */
    P(false, true, false),
    /** Shared sources only, learned from scratch. */
    SL(true, false, false),
    /** Shared sources plus a private prompt per task, learned from scratch. */
    SLP(true, true, false),
    /**
     * As SL, the sources initialised from a saved source bank. The bank holds prompts that already went through
     * an encoder, so these sources bypass the prompt encoder (private prompts still go through it).
     */
    SIL(true, false, true),
    /** As SLP, the sources initialised from a saved source bank. */
    SILP(true, true, true),
    /** One prompt shared by all tasks (the multi-task prompt-tuning baseline). */
    MT_P(true, false, false);

    private final boolean sources;
    private final boolean privates;
    private final boolean initialisedSources;

    Variant(boolean sources, boolean privates, boolean initialisedSources) {
        this.sources = sources;
        this.privates = privates;
        this.initialisedSources = initialisedSources;
    }

    /** True when tasks share source prompts. */
    public boolean usesSources() {
        return sources;
    }

    /** True when every task has a private prompt. */
    public boolean usesPrivates() {
        return privates;
    }

    /** True when sources start from a saved source bank. */
    public boolean initialisesSources() {
        return initialisedSources;
    }

    /** True when there is a router to learn (more than one candidate prompt per task). */
    public boolean usesRouter() {
        return this != P && this != MT_P;
    }

    /** The name as the paper writes it ({@code MT-P} for the multi-task baseline). */
    public String label() {
        return this == MT_P ? "MT-P" : name();
    }

    /**
     * Parses a variant name, case-insensitive, {@code MT-P} or {@code MT_P}.
     *
     * @throws InvalidInputException listing the known variants
     */
    public static Variant parse(String text) {
        String key = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Variant v : values()) {
            if (v.name().equals(key)) {
                return v;
            }
        }
        throw new InvalidInputException("unknown variant '" + text + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(Variant::label).toList()));
    }
}
