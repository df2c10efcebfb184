package dev.crosspt.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into tokens as {@code rouge-score}'s default tokenizer does: lower-case, every run of characters
 * other than {@code a-z} and {@code 0-9} becomes a space, tokens are what lies between spaces, and (optionally)
 * tokens longer than three characters are Porter-stemmed ({@link PorterStemmer}, NLTK's variant). Letters outside
 * ASCII therefore separate tokens rather than belong to them, exactly as in {@code rouge-score}.
 */
public final class RougeTokenizer {

    private final PorterStemmer stemmer;

    /**
     * A tokenizer.
     *
     * @param stem whether to Porter-stem tokens longer than three characters ({@code use_stemmer=True})
     */
    public RougeTokenizer(boolean stem) {
        this.stemmer = stem ? new PorterStemmer() : null;
    }

    /**
     * The tokens of a text.
     *
     * @param text the text; empty or blank gives no tokens
     * @return the tokens, in order
     */
    public List<String> tokenize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                token.append(c);
            } else if (token.length() > 0) {
                tokens.add(stemmed(token.toString()));
                token.setLength(0);
            }
        }
        return tokens;
    }

    private String stemmed(String token) {
        return stemmer != null && token.length() > 3 ? stemmer.stem(token) : token;
    }
}
