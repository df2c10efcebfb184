package dev.crosspt.t5;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.crosspt.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A T5 tokenizer read from a checkpoint's {@code tokenizer.json} through DJL's Hugging Face tokenizers, offline.
 * Encoding appends {@code </s>} as the tokenizer's own post-processor says, exactly as transformers does.
 */
public final class T5Tokenizer implements AutoCloseable {

    /** The label id that transformers' loss ignores. */
    public static final long IGNORE = -100;

    private final HuggingFaceTokenizer tokenizer;
    private final long padId;
    private final long eosId;

    private T5Tokenizer(HuggingFaceTokenizer tokenizer, long padId, long eosId) {
        this.tokenizer = tokenizer;
        this.padId = padId;
        this.eosId = eosId;
    }

    /**
     * Loads {@code tokenizer.json} from a checkpoint directory.
     *
     * @throws CheckpointException when the file is missing or unreadable
     */
    public static T5Tokenizer load(Path modelDir, long padId, long eosId) {
        Path file = modelDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": missing; a Hugging Face tokenizer.json is required"
                    + " (spiece.model alone is not supported: save the tokenizer with transformers to get one)");
        }
        try {
            Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");
            return new T5Tokenizer(HuggingFaceTokenizer.newInstance(file, options), padId, eosId);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file + ": not a readable Hugging Face tokenizer (" + e.getMessage() + ")", e);
        }
    }

    /** Ids of one text, {@code </s>} included. */
    public long[] encode(String text) {
        return tokenizer.encode(text).getIds();
    }

    /** Token strings of one text, for display and checks. */
    public String[] tokens(String text) {
        Encoding encoding = tokenizer.encode(text);
        return encoding.getTokens();
    }

    /**
     * Encodes model inputs, padded with the pad id to the longest (at most {@code maxLength} tokens; longer
     * texts are cut and keep their final {@code </s>}).
     */
    public TokenBatch encodeInputs(List<String> texts, int maxLength) {
        return pad(texts, maxLength, padId);
    }

    /** Encodes target texts as labels, padded with -100 so that the loss ignores the padding. */
    public TokenBatch encodeLabels(List<String> texts, int maxLength) {
        return pad(texts, maxLength, IGNORE);
    }

    /** Text of some ids, special tokens dropped. */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    private TokenBatch pad(List<String> texts, int maxLength, long filler) {
        long[][] rows = new long[texts.size()][];
        int longest = 0;
        for (int i = 0; i < rows.length; i++) {
            long[] ids = encode(texts.get(i));
            if (ids.length > maxLength) {
                long[] cut = new long[maxLength];
                System.arraycopy(ids, 0, cut, 0, maxLength - 1);
                cut[maxLength - 1] = eosId;
                ids = cut;
            }
            rows[i] = ids;
            longest = Math.max(longest, ids.length);
        }
        long[] ids = new long[rows.length * longest];
        long[] mask = new long[rows.length * longest];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < longest; j++) {
                boolean real = j < rows[i].length;
                ids[i * longest + j] = real ? rows[i][j] : filler;
                mask[i * longest + j] = real ? 1 : 0;
            }
        }
        return new TokenBatch(rows.length, longest, ids, mask);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
