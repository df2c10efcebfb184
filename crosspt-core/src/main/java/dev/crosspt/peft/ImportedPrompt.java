package dev.crosspt.peft;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A soft prompt read from a PEFT prompt-tuning adapter by {@link PeftPromptAdapter#read(java.nio.file.Path)}.
 *
 * @param values the encoder prompt, {@code length * dim} floats in row-major order (one row per virtual token)
 * @param length the number of virtual tokens ({@code num_virtual_tokens})
 * @param dim the width of each token ({@code token_dim}, T5's {@code d_model})
 * @param config every field of {@code adapter_config.json} as Gson reads JSON: numbers as {@link Double},
 *     objects as maps, arrays as lists, {@code null} kept
 * @param warnings what the import dropped or could not check, for the caller to show; empty if nothing
 */
public record ImportedPrompt(float[] values, int length, int dim, Map<String, Object> config,
        List<String> warnings) {

    /**
     * Creates an imported prompt, copying the array and the collections.
     *
     * @throws IllegalArgumentException if {@code length} or {@code dim} is not positive or {@code values} does
     *     not hold {@code length * dim} floats
     */
    public ImportedPrompt {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(warnings, "warnings");
        if (length <= 0 || dim <= 0) {
            throw new IllegalArgumentException("length and dim must be positive, got " + length + " and " + dim);
        }
        if ((long) length * dim != values.length) {
            throw new IllegalArgumentException("values holds " + values.length + " floats, expected length "
                    + length + " * dim " + dim + " = " + (long) length * dim);
        }
        values = values.clone();
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns the prompt values.
     *
     * @return a copy, {@code length * dim} floats in row-major order
     */
    @Override
    public float[] values() {
        return values.clone();
    }
}
