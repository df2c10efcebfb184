package dev.crosspt.data;

/**
 * One text-to-text example.
 *
 * @param input the model input text
 * @param target the expected output text (a label word for classification tasks)
 */
public record Example(String input, String target) {

    /** Rejects missing texts. */
    public Example {
        if (input == null || target == null) {
            throw new IllegalArgumentException("an example needs an input and a target, got " + input + " / " + target);
        }
    }
}
