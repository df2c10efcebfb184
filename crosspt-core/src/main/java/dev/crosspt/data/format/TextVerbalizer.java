package dev.crosspt.data.format;

import java.util.List;

/**
 * The target of a generative task is its text itself: verbalizing and parsing leave text as it is (parsing strips
 * surrounding whitespace). There are no candidates, so the model generates instead of ranking labels.
 */
final class TextVerbalizer implements Verbalizer {

    static final TextVerbalizer INSTANCE = new TextVerbalizer();

    private TextVerbalizer() {
    }

    @Override
    public String verbalize(String rawLabel) {
        return rawLabel;
    }

    @Override
    public String parse(String generatedText) {
        return generatedText == null ? null : generatedText.strip();
    }

    @Override
    public List<String> candidates() {
        return List.of();
    }

    @Override
    public String toString() {
        return "text[generated as is]";
    }
}
