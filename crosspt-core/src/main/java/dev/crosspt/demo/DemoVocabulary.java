package dev.crosspt.demo;

import dev.crosspt.data.Example;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The demo model's words and the instructions it was taught with.
 *
 * <p>An instruction names one or two categories and the two answer words, positive first
 * ({@code colour animal true false}); the sentence follows it. The model learns during its one-time generation to
 * answer with the positive word when the sentence holds a word of a named category. Prompt tuning later sees
 * the sentence alone, so the soft prompt has to carry what the instruction said. The instruction words (category
 * names) and answer words are therefore kept out of prompt initialisation ({@link #initExcluded()}).
 */
public final class DemoVocabulary {

    /** Category names, the instruction words; index = category. */
    public static final List<String> CATEGORY_NAMES = List.of("colour", "animal", "fruit", "tool", "vehicle",
            "clothing", "body", "drink", "weather", "furniture", "instrument", "sport");

    /**
     * Two words per category, a vocabulary the demo model learns in a few hundred steps; the first four categories
     * are the negative-control suite's, cut to two words.
     */
    public static final List<List<String>> CATEGORIES = List.of(
            List.of("red", "blue"),
            List.of("cat", "dog"),
            List.of("apple", "banana"),
            List.of("hammer", "saw"),
            List.of("car", "bus"),
            List.of("hat", "shirt"),
            List.of("arm", "leg"),
            List.of("tea", "coffee"),
            List.of("rain", "snow"),
            List.of("chair", "table"),
            List.of("piano", "guitar"),
            List.of("tennis", "golf"));

    /** Answer-word pairs, positive first. */
    public static final List<List<String>> LABEL_PAIRS = List.of(
            List.of("yes", "no"), List.of("true", "false"), List.of("right", "wrong"),
            List.of("good", "bad"), List.of("pass", "fail"), List.of("up", "down"));

    /** How a sentence is written: the surface that differs between the tasks of a cluster. */
    public enum Style {
        /** Words among filler words: {@code the old cat went to my house}. */
        PROSE("prose", SyntheticSuite.FILLER, 3),
        /** Comma-separated items: {@code box , cat , red}. */
        LIST("list", List.of("item", "box", "bag", "thing"), 2),
        /** Counted items: {@code two cat four things}. */
        COUNT("count", List.of("things", "pieces", "units", "lots"), 2);

        private final String word;
        private final List<String> filler;
        /** One slot in this many holds a content word. */
        private final int contentEvery;

        Style(String word, List<String> filler, int contentEvery) {
            this.word = word;
            this.filler = filler;
            this.contentEvery = contentEvery;
        }

        /** The style's name in task names. */
        public String word() {
            return word;
        }
    }

    private static final List<String> NUMBERS = List.of("one", "two", "three", "four", "five", "six");
    private static final int MIN_SLOTS = 3;
    private static final int MAX_SLOTS = 5;

    private DemoVocabulary() {}

    /** Every word the demo model knows, in a fixed order: both suites' words, instruction words, answer words. */
    public static List<String> words() {
        Set<String> words = new LinkedHashSet<>(SyntheticSuite.vocabulary());
        LABEL_PAIRS.forEach(words::addAll);
        words.addAll(CATEGORY_NAMES);
        CATEGORIES.forEach(words::addAll);
        for (Style style : Style.values()) {
            words.addAll(style.filler);
        }
        words.add(",");
        words.addAll(NUMBERS);
        return List.copyOf(words);
    }

    /**
     * Words a prompt must not be initialised from: every instruction word and answer word, and the negative
     * control's task names (its instructions), so that no seed starts with the answer in its prompt.
     */
    public static List<String> initExcluded() {
        Set<String> words = new LinkedHashSet<>(CATEGORY_NAMES);
        words.addAll(SyntheticSuite.TASKS);
        LABEL_PAIRS.forEach(words::addAll);
        words.addAll(SyntheticSuite.LABELS);
        return List.copyOf(words);
    }

    /** The instruction for a rule over these categories with these answer words (positive first). */
    public static String instruction(int[] categories, List<String> labels) {
        StringBuilder out = new StringBuilder();
        for (int c : categories) {
            out.append(CATEGORY_NAMES.get(c)).append(' ');
        }
        return out.append(labels.get(0)).append(' ').append(labels.get(1)).toString();
    }

    /**
     * A sentence in a style that holds (positive) or does not hold (negative) a word of one of the rule's
     * categories; words of other categories appear freely.
     */
    static String sentence(int[] rule, boolean positive, Style style, SplittableRandom random) {
        int slots = MIN_SLOTS + random.nextInt(MAX_SLOTS - MIN_SLOTS + 1);
        List<String> items = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            items.add(random.nextInt(style.contentEvery) == 0 ? otherWord(rule, random) : pick(style.filler, random));
        }
        if (positive) {
            int category = rule[random.nextInt(rule.length)];
            items.set(random.nextInt(slots), pick(CATEGORIES.get(category), random));
        }
        return switch (style) {
            case PROSE -> String.join(" ", items);
            case LIST -> String.join(" , ", items);
            case COUNT -> {
                List<String> counted = new ArrayList<>(2 * slots);
                for (String item : items) {
                    counted.add(pick(NUMBERS, random));
                    counted.add(item);
                }
                yield String.join(" ", counted);
            }
        };
    }

    /**
     * Examples for generating the demo model, drawn from {@code seed}. Three in ten name a word's category
     * ({@code cat} gives {@code animal}, see {@link #members}), which ties each category name to its words directly (without them, at
     * a learning rate of 3e-3, the loss stayed at chance for 800 steps). Of the rest, one in five is the negative control's
     * ({@code animal yes no} and one of its sentences) and four follow the cluster grammar (any two categories, any
     * answer pair), half with a sentence in any style, half with a single word (of the rule, or of another
     * category), which shows the rule most plainly.
     */
    public static List<Example> instructed(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(10) < 3) {
                int category = random.nextInt(CATEGORIES.size());
                out.add(new Example(pick(members(category), random), CATEGORY_NAMES.get(category)));
                continue;
            }
            boolean positive = random.nextBoolean();
            if (random.nextInt(5) == 0) {
                int task = random.nextInt(SyntheticSuite.TASKS.size());
                out.add(new Example(SyntheticSuite.TASKS.get(task) + " " + String.join(" ", SyntheticSuite.LABELS)
                        + " " + SyntheticSuite.sentence(task, positive, random), SyntheticSuite.LABELS.get(positive ? 0 : 1)));
                continue;
            }
            int first = random.nextInt(CATEGORIES.size());
            int second = (first + 1 + random.nextInt(CATEGORIES.size() - 1)) % CATEGORIES.size();
            int[] rule = {first, second};
            List<String> labels = LABEL_PAIRS.get(random.nextInt(LABEL_PAIRS.size()));
            String input;
            if (random.nextBoolean()) {
                input = positive ? pick(CATEGORIES.get(rule[random.nextInt(2)]), random) : otherWord(rule, random);
            } else {
                input = sentence(rule, positive, Style.values()[random.nextInt(Style.values().length)], random);
            }
            out.add(new Example(instruction(rule, labels) + " " + input, labels.get(positive ? 0 : 1)));
        }
        return out;
    }

    /**
     * Every word of a category: its words here and, for the negative control's four categories (whose task names
     * are category names), the control's words too.
     */
    static List<String> members(int category) {
        return category < SyntheticSuite.CATEGORIES.size() ? SyntheticSuite.CATEGORIES.get(category)
                : CATEGORIES.get(category);
    }

    private static String otherWord(int[] rule, SplittableRandom random) {
        while (true) {
            int c = random.nextInt(CATEGORIES.size());
            if (c != rule[0] && (rule.length < 2 || c != rule[1])) {
                return pick(CATEGORIES.get(c), random);
            }
        }
    }

    private static String pick(List<String> words, SplittableRandom random) {
        return words.get(random.nextInt(words.size()));
    }
}
