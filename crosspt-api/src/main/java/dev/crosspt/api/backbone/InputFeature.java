package dev.crosspt.api.backbone;

import dev.crosspt.api.InvalidInputException;
import java.util.Locale;

/**
 * A fixed-size summary of each input that a backbone can give without any prompt, for routers that choose prompts
 * per example (see {@link BackboneAdapter#inputFeatures}).
 */
public enum InputFeature {
    /** The mean of the input's token embeddings (padding left out): one lookup, no model run. */
    EMBEDDINGS,
    /** The mean of the encoder's output over the input without a prompt (padding left out): one encoder run. */
    ENCODER;

    /** The name settings use: {@code embeddings} or {@code encoder}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The feature a setting names.
     *
     * @throws InvalidInputException for any other name
     */
    public static InputFeature parse(String name) {
        for (InputFeature feature : values()) {
            if (feature.label().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return feature;
            }
        }
        throw new InvalidInputException("expected embeddings or encoder, got '" + name + "'");
    }
}
