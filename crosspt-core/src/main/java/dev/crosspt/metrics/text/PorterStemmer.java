package dev.crosspt.metrics.text;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The Porter stemmer as NLTK's {@code nltk.stem.porter.PorterStemmer()} computes it in its default mode,
 * {@code NLTK_EXTENSIONS}: the one Google's {@code rouge-score} calls. That mode is Martin Porter's 1980
 * algorithm plus a handful of changes: a small pool of irregular forms ({@code dying -> die}, {@code skies -> sky}),
 * {@code -ies}/{@code -ied} on four-letter words kept as {@code -ie}, step 1c turning {@code y} into {@code i}
 * only after a consonant, {@code -bli -> -ble}, {@code -fulli -> -ful} and {@code -logi -> -log} in step 2, and a
 * two-letter vowel-consonant stem counting as "ends cvc". Words of one or two letters are returned unchanged.
 *
 * <p>Input is expected in lower case (NLTK lower-cases first; this class does too). Stateless and thread-safe.
 */
public final class PorterStemmer {

    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("sky", "sky"), Map.entry("skies", "sky"),
            Map.entry("dying", "die"), Map.entry("lying", "lie"), Map.entry("tying", "tie"),
            Map.entry("news", "news"),
            Map.entry("innings", "inning"), Map.entry("inning", "inning"),
            Map.entry("outings", "outing"), Map.entry("outing", "outing"),
            Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
            Map.entry("howe", "howe"), Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"),
            Map.entry("succeed", "succeed"));

    /** A suffix rule: replace {@code suffix} by {@code replacement} when {@code condition} holds of the stem. */
    private record Rule(String suffix, String replacement, Predicate<String> condition) {
    }

    private static final Predicate<String> M_GT_0 = s -> measure(s) > 0;
    private static final Predicate<String> M_GT_1 = s -> measure(s) > 1;

    private static final Rule[] STEP1A = {
        new Rule("sses", "ss", null), new Rule("ies", "i", null), new Rule("ss", "ss", null), new Rule("s", "", null),
    };

    private static final Rule[] STEP3 = {
        new Rule("icate", "ic", M_GT_0), new Rule("ative", "", M_GT_0), new Rule("alize", "al", M_GT_0),
        new Rule("iciti", "ic", M_GT_0), new Rule("ical", "ic", M_GT_0), new Rule("ful", "", M_GT_0),
        new Rule("ness", "", M_GT_0),
    };

    private static final Rule[] STEP4 = {
        new Rule("al", "", M_GT_1), new Rule("ance", "", M_GT_1), new Rule("ence", "", M_GT_1),
        new Rule("er", "", M_GT_1), new Rule("ic", "", M_GT_1), new Rule("able", "", M_GT_1),
        new Rule("ible", "", M_GT_1), new Rule("ant", "", M_GT_1), new Rule("ement", "", M_GT_1),
        new Rule("ment", "", M_GT_1), new Rule("ent", "", M_GT_1),
        new Rule("ion", "", s -> measure(s) > 1 && !s.isEmpty() && (last(s) == 's' || last(s) == 't')),
        new Rule("ou", "", M_GT_1), new Rule("ism", "", M_GT_1), new Rule("ate", "", M_GT_1),
        new Rule("iti", "", M_GT_1), new Rule("ous", "", M_GT_1), new Rule("ive", "", M_GT_1),
        new Rule("ize", "", M_GT_1),
    };

    /**
     * Stems one word.
     *
     * @param word the word; lower-cased first
     * @return its stem
     */
    public String stem(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        String irregular = IRREGULAR.get(w);
        if (irregular != null) {
            return irregular;
        }
        if (word.length() <= 2) {
            return w;
        }
        w = step1a(w);
        w = step1b(w);
        w = step1c(w);
        w = step2(w);
        w = applyFirst(w, STEP3);
        w = applyFirst(w, STEP4);
        w = step5a(w);
        return step5b(w);
    }

    private static String step1a(String w) {
        if (w.endsWith("ies") && w.length() == 4) {
            return chop(w, 3) + "ie";
        }
        return applyFirst(w, STEP1A);
    }

    private static String step1b(String w) {
        if (w.endsWith("ied")) {
            return chop(w, 3) + (w.length() == 4 ? "ie" : "i");
        }
        if (w.endsWith("eed")) {
            String stem = chop(w, 3);
            return measure(stem) > 0 ? stem + "ee" : w;
        }
        String stem = null;
        for (String suffix : new String[] {"ed", "ing"}) {
            if (w.endsWith(suffix) && containsVowel(chop(w, suffix.length()))) {
                stem = chop(w, suffix.length());
                break;
            }
        }
        if (stem == null) {
            return w;
        }
        if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
            return stem + "e";
        }
        if (endsDoubleConsonant(stem)) {
            char c = last(stem);
            return c == 'l' || c == 's' || c == 'z' ? stem : chop(stem, 1);
        }
        return measure(stem) == 1 && endsCvc(stem) ? stem + "e" : stem;
    }

    private static String step1c(String w) {
        if (w.endsWith("y")) {
            String stem = chop(w, 1);
            return stem.length() > 1 && isConsonant(stem, stem.length() - 1) ? stem + "i" : w;
        }
        return w;
    }

    private static String step2(String w) {
        if (w.endsWith("alli") && measure(chop(w, 4)) > 0) {
            return step2(chop(w, 4) + "al");
        }
        String word = w;
        Rule[] rules = {
            new Rule("ational", "ate", M_GT_0), new Rule("tional", "tion", M_GT_0), new Rule("enci", "ence", M_GT_0),
            new Rule("anci", "ance", M_GT_0), new Rule("izer", "ize", M_GT_0), new Rule("bli", "ble", M_GT_0),
            new Rule("alli", "al", M_GT_0), new Rule("entli", "ent", M_GT_0), new Rule("eli", "e", M_GT_0),
            new Rule("ousli", "ous", M_GT_0), new Rule("ization", "ize", M_GT_0), new Rule("ation", "ate", M_GT_0),
            new Rule("ator", "ate", M_GT_0), new Rule("alism", "al", M_GT_0), new Rule("iveness", "ive", M_GT_0),
            new Rule("fulness", "ful", M_GT_0), new Rule("ousness", "ous", M_GT_0), new Rule("aliti", "al", M_GT_0),
            new Rule("iviti", "ive", M_GT_0), new Rule("biliti", "ble", M_GT_0), new Rule("fulli", "ful", M_GT_0),
            // NLTK measures "logi" without its last three letters, i.e. the stem keeps the "l"
            new Rule("logi", "log", s -> measure(chop(word, 3)) > 0),
        };
        return applyFirst(w, rules);
    }

    private static String step5a(String w) {
        if (w.endsWith("e")) {
            String stem = chop(w, 1);
            int m = measure(stem);
            if (m > 1 || (m == 1 && !endsCvc(stem))) {
                return stem;
            }
        }
        return w;
    }

    private static String step5b(String w) {
        // NLTK measures the word without its last letter, i.e. keeping one "l"
        if (w.endsWith("ll") && measure(chop(w, 1)) > 1) {
            return chop(w, 1);
        }
        return w;
    }

    /** The first rule whose suffix matches decides: its replacement if its condition holds, else no change. */
    private static String applyFirst(String w, Rule[] rules) {
        for (Rule r : rules) {
            if (w.endsWith(r.suffix())) {
                String stem = chop(w, r.suffix().length());
                return r.condition() == null || r.condition().test(stem) ? stem + r.replacement() : w;
            }
        }
        return w;
    }

    /** Consonant flags per letter: y is a consonant at the start or after a vowel. */
    private static boolean[] consonants(String w) {
        boolean[] c = new boolean[w.length()];
        for (int i = 0; i < w.length(); i++) {
            char ch = w.charAt(i);
            if (ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u') {
                c[i] = false;
            } else if (ch == 'y') {
                c[i] = i == 0 || !c[i - 1];
            } else {
                c[i] = true;
            }
        }
        return c;
    }

    private static boolean isConsonant(String w, int i) {
        return consonants(w)[i];
    }

    /** Porter's m: the number of vowel-consonant transitions. */
    static int measure(String stem) {
        boolean[] c = consonants(stem);
        int m = 0;
        for (int i = 1; i < c.length; i++) {
            if (!c[i - 1] && c[i]) {
                m++;
            }
        }
        return m;
    }

    private static boolean containsVowel(String stem) {
        for (boolean c : consonants(stem)) {
            if (!c) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsDoubleConsonant(String w) {
        int n = w.length();
        return n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && isConsonant(w, n - 1);
    }

    /** Porter's *o (consonant-vowel-consonant, the last not w, x or y), or NLTK's two-letter vowel-consonant. */
    private static boolean endsCvc(String w) {
        int n = w.length();
        if (n >= 3) {
            boolean[] c = consonants(w);
            char z = w.charAt(n - 1);
            if (c[n - 3] && !c[n - 2] && c[n - 1] && z != 'w' && z != 'x' && z != 'y') {
                return true;
            }
        }
        if (n == 2) {
            boolean[] c = consonants(w);
            return !c[0] && c[1];
        }
        return false;
    }

    private static char last(String s) {
        return s.charAt(s.length() - 1);
    }

    private static String chop(String s, int n) {
        return s.substring(0, s.length() - n);
    }
}
