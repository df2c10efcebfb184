package dev.crosspt.metrics.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Exact match and token F1 of an answer, as the official SQuAD v1.1 evaluation script ({@code evaluate-v1.1.py})
 * computes them: both texts are normalised (lower case; ASCII punctuation, i.e. Python's
 * {@code string.punctuation}, deleted; the words a, an and the replaced by a space; whitespace collapsed), exact
 * match compares the normalised strings, F1 compares their bags of whitespace-separated tokens, and a question
 * with several gold answers takes the best score over them. Values here are fractions in [0, 1]; the script
 * prints percentages.
 */
public final class SquadAnswers {

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    // Python 3's \b on str is Unicode-aware; so is Java's with UNICODE_CHARACTER_CLASS
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);

    private SquadAnswers() {
    }

    /**
     * The script's {@code normalize_answer}.
     *
     * @param text an answer
     * @return the normalised answer
     */
    public static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        String noArticles = ARTICLES.matcher(kept).replaceAll(" ");
        return String.join(" ", tokens(noArticles));
    }

    /**
     * Whether an answer matches a gold answer after normalisation.
     *
     * @param prediction the predicted answer
     * @param gold a gold answer
     * @return 1 for a match, else 0
     */
    public static double exactMatch(String prediction, String gold) {
        return normalize(prediction).equals(normalize(gold)) ? 1.0 : 0.0;
    }

    /**
     * The token F1 of an answer against one gold answer: 0 when they share no token (so also when either is
     * empty after normalisation).
     *
     * @param prediction the predicted answer
     * @param gold a gold answer
     * @return F1 in [0, 1]
     */
    public static double f1(String prediction, String gold) {
        List<String> pred = tokens(normalize(prediction));
        List<String> ref = tokens(normalize(gold));
        Map<String, Integer> refCounts = new HashMap<>();
        ref.forEach(t -> refCounts.merge(t, 1, Integer::sum));
        int same = 0;
        for (String t : pred) {
            Integer left = refCounts.get(t);
            if (left != null && left > 0) {
                same++;
                refCounts.put(t, left - 1);
            }
        }
        if (same == 0) {
            return 0.0;
        }
        double precision = (double) same / pred.size();
        double recall = (double) same / ref.size();
        return 2 * precision * recall / (precision + recall);
    }

    /**
     * The best exact match over a question's gold answers ({@code metric_max_over_ground_truths}).
     *
     * @param prediction the predicted answer
     * @param golds the gold answers, at least one
     * @return 1 or 0
     * @throws IllegalArgumentException if there is no gold answer
     */
    public static double bestExactMatch(String prediction, Collection<String> golds) {
        requireGold(golds);
        double best = 0;
        for (String g : golds) {
            best = Math.max(best, exactMatch(prediction, g));
        }
        return best;
    }

    /**
     * The best F1 over a question's gold answers.
     *
     * @param prediction the predicted answer
     * @param golds the gold answers, at least one
     * @return F1 in [0, 1]
     * @throws IllegalArgumentException if there is no gold answer
     */
    public static double bestF1(String prediction, Collection<String> golds) {
        requireGold(golds);
        double best = 0;
        for (String g : golds) {
            best = Math.max(best, f1(prediction, g));
        }
        return best;
    }

    private static void requireGold(Collection<String> golds) {
        if (golds == null || golds.isEmpty()) {
            throw new IllegalArgumentException("a SQuAD score needs at least one gold answer");
        }
    }

    /** Python's {@code str.split()}: runs of Unicode whitespace separate tokens. */
    static List<String> tokens(CharSequence text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || isPythonSpace(text.charAt(i));
            if (!space && start < 0) {
                start = i;
            } else if (space && start >= 0) {
                out.add(text.subSequence(start, i).toString());
                start = -1;
            }
        }
        return out;
    }

    /** What Python's {@code str.isspace} accepts: Java whitespace, space separators (no-break too) and NEL. */
    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
