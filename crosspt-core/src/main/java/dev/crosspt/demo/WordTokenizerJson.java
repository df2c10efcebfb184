package dev.crosspt.demo;

import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Hugging Face {@code tokenizer.json} for a whole-word vocabulary: T5's special tokens first
 * ({@code <pad>} 0, {@code </s>} 1, {@code <unk>} 2), lower-casing, splitting on white space, and
 * {@code </s>} appended to every sequence, as T5 tokenizers do.
 */
public final class WordTokenizerJson {

    private WordTokenizerJson() {}

    /** The tokenizer file's text for these words (ids from 3 in list order). */
    public static String of(List<String> words) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put("<pad>", 0);
        vocab.put("</s>", 1);
        vocab.put("<unk>", 2);
        for (String word : words) {
            vocab.putIfAbsent(word, vocab.size());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", List.of(special(0, "<pad>"), special(1, "</s>"), special(2, "<unk>")));
        root.put("normalizer", Map.of("type", "Lowercase"));
        root.put("pre_tokenizer", Map.of("type", "WhitespaceSplit"));
        root.put("post_processor", postProcessor());
        root.put("decoder", null);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "WordLevel");
        model.put("vocab", vocab);
        model.put("unk_token", "<unk>");
        root.put("model", model);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(root);
    }

    /**
     * {@code </s>} after every sequence. Every map of more than one key is ordered: the file's bytes (and the
     * shipped model's SHA-256) must not depend on the JVM, as {@code Map.of}'s iteration order does. The keys come
     * in the order of the shipped demo model's file.
     */
    private static Map<String, Object> postProcessor() {
        Map<String, Object> eos = Map.of("SpecialToken", piece("</s>"));
        Map<String, Object> special = new LinkedHashMap<>();
        special.put("id", "</s>");
        special.put("ids", List.of(1));
        special.put("tokens", List.of("</s>"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("single", List.of(Map.of("Sequence", piece("A")), eos));
        out.put("special_tokens", Map.of("</s>", special));
        out.put("type", "TemplateProcessing");
        out.put("pair", List.of(Map.of("Sequence", piece("A")), eos, Map.of("Sequence", piece("B")), eos));
        return out;
    }

    /** {@code {"id": id, "type_id": 0}}. */
    private static Map<String, Object> piece(String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("type_id", 0);
        return out;
    }

    private static Map<String, Object> special(int id, String content) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("id", id);
        token.put("content", content);
        token.put("single_word", false);
        token.put("lstrip", false);
        token.put("rstrip", false);
        token.put("normalized", false);
        token.put("special", true);
        return token;
    }
}
