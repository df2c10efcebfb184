package dev.crosspt.data.format;

import dev.crosspt.api.InvalidInputException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fixed word per raw label. Parsing trims the generated text and compares it with the words ignoring case;
 * anything else (a partial word, extra text) parses to null.
 */
final class WordVerbalizer implements Verbalizer {

    private final String kind;
    private final String task;
    private final Map<String, String> words;
    private final Map<String, String> byWord = new HashMap<>();

    WordVerbalizer(String kind, String task, Map<String, String> words) {
        this.kind = kind;
        this.task = task;
        this.words = Collections.unmodifiableMap(new LinkedHashMap<>(words));
        this.words.forEach((raw, word) -> {
            if (word == null || word.isBlank()) {
                throw new IllegalArgumentException("task '" + task + "': label '" + raw + "' has a blank word");
            }
            String earlier = byWord.put(word.strip().toLowerCase(Locale.ROOT), raw);
            if (earlier != null) {
                throw new IllegalArgumentException("task '" + task + "': labels '" + earlier + "' and '" + raw
                        + "' share the word '" + word + "'");
            }
        });
    }

    @Override
    public String verbalize(String rawLabel) {
        String word = words.get(rawLabel);
        if (word == null) {
            throw new InvalidInputException("task '" + task + "': label '" + rawLabel + "' is not one of "
                    + words.keySet());
        }
        return word;
    }

    @Override
    public String parse(String generatedText) {
        return generatedText == null ? null : byWord.get(generatedText.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<String> candidates() {
        return List.copyOf(words.values());
    }

    @Override
    public String toString() {
        return kind + words;
    }
}
