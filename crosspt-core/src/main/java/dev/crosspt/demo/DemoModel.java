package dev.crosspt.demo;

import dev.crosspt.checkpoint.RandomT5Checkpoint;
import dev.crosspt.checkpoint.T5Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default model: a small T5 in the Hugging Face layout ({@code config.json},
 * {@code model.safetensors}, {@code tokenizer.json}) generated from a seed over the demo's vocabulary, so the demo needs no download and goes through the same loader as a real checkpoint.
 */
public final class DemoModel {

    /** The default seed of the demo model's weights. */
    public static final long SEED = 20250917;

    private DemoModel() {}

    /** The demo model's shape: d_model 128, 2+2 layers, 4 heads of 32, d_ff 256, relu, tied embeddings, no dropout
     * (its generation recipe was tuned without; a frozen backbone needs none). */
    public static T5Config config() {
        int vocab = 3 + DemoVocabulary.words().size();
        return new T5Config(vocab, 128, 32, 256, 2, 2, 4, 16, 32, 0.0, 1e-6, "relu", false, true, true, 0, 0, 1);
    }

    /**
     * Writes the model into {@code dir} unless a complete copy is already there.
     *
     * @return {@code dir}
     */
    public static Path ensure(Path dir, long seed) {
        if (Files.isRegularFile(dir.resolve("model.safetensors")) && Files.isRegularFile(dir.resolve("tokenizer.json"))
                && Files.isRegularFile(dir.resolve("config.json"))) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            Path tokenizer = dir.resolve("tokenizer.json");
            Path tmp = dir.resolve("tokenizer.json.tmp");
            Files.writeString(tmp, WordTokenizerJson.of(DemoVocabulary.words()), StandardCharsets.UTF_8);
            Files.move(tmp, tokenizer, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo tokenizer into " + dir, e);
        }
        // the weights go last: their presence marks a complete model
        return RandomT5Checkpoint.of(config(), seed).write(dir);
    }
}
