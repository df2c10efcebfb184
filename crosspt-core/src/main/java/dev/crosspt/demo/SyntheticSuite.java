package dev.crosspt.demo;

import dev.crosspt.data.Example;
import dev.crosspt.data.Shuffle;
import dev.crosspt.data.TaskData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The demo's negative control ({@code --suite disjoint}): four synthetic tasks that share nothing.
 *
 * <p>Sentences are random words from a small vocabulary: four categories of content words (colours, animals,
 * fruits, tools) among filler words. Each task asks, with the same answer words {@code yes} / {@code no}, whether
 * a sentence mentions a word of one category. Nothing in the input names the task: the soft prompt has to.
 * The tasks have the same inputs and answer words but conflicting labels, and the demo model was taught each one
 * by its name ({@code animal yes no}, see {@link DemoVocabulary#instructed}): a prompt only has to restore the
 * name, so shared sources cannot help by construction. Every split is balanced by label and generated from a seed.
 */
public final class SyntheticSuite {

    /** The answer words. */
    public static final List<String> LABELS = List.of("yes", "no");

    /** Content-word categories; a task asks whether a sentence holds a word of one of them. */
    public static final List<List<String>> CATEGORIES = List.of(
            List.of("red", "blue", "green", "yellow", "purple", "orange", "black", "white"),
            List.of("cat", "dog", "horse", "bird", "fish", "lion", "mouse", "snake"),
            List.of("apple", "banana", "cherry", "grape", "lemon", "mango", "peach", "plum"),
            List.of("hammer", "saw", "drill", "wrench", "knife", "shovel", "rake", "axe"));

    /** The task names, one per category. */
    public static final List<String> TASKS = List.of("colour", "animal", "fruit", "tool");

    /** Words that carry no category. */
    public static final List<String> FILLER = List.of("the", "a", "and", "of", "with", "near", "over", "under",
            "big", "small", "old", "new", "one", "two", "three", "went", "to", "from", "is", "was",
            "very", "quite", "my", "your", "their", "this", "that", "found", "kept");

    private static final int MIN_WORDS = 3;
    private static final int MAX_WORDS = 5;

    private SyntheticSuite() {}

    /** Every word a sentence or an answer can contain, in a fixed order (for building a vocabulary). */
    public static List<String> vocabulary() {
        Set<String> words = new LinkedHashSet<>(LABELS);
        words.addAll(TASKS);
        CATEGORIES.forEach(words::addAll);
        words.addAll(FILLER);
        return List.copyOf(words);
    }

    /**
     * Generates the suite.
     *
     * @param trainPerTask training examples per task (balanced)
     * @param devPerTask dev examples per task
     * @param testPerTask test examples per task
     * @param seed the data seed
     */
    public static List<TaskData> generate(int trainPerTask, int devPerTask, int testPerTask, long seed) {
        List<TaskData> tasks = new ArrayList<>();
        for (int t = 0; t < TASKS.size(); t++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + t);
            tasks.add(new TaskData(TASKS.get(t), LABELS, split(t, trainPerTask, random), split(t, devPerTask, random),
                    split(t, testPerTask, random)));
        }
        return tasks;
    }

    private static List<Example> split(int category, int size, SplittableRandom random) {
        List<Example> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            boolean positive = i % 2 == 0;
            out.add(new Example(sentence(category, positive, random), positive ? "yes" : "no"));
        }
        // interleaved labels, then shuffled so that order carries nothing
        Shuffle.inPlace(out, random);
        return out;
    }

    /** A sentence with (positive) or without (negative) a word of the category; other categories appear freely. */
    static String sentence(int category, boolean positive, SplittableRandom random) {
        int length = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
        List<String> words = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(3) == 0) {
                int other = random.nextInt(CATEGORIES.size());
                if (other == category) {
                    other = (other + 1 + random.nextInt(CATEGORIES.size() - 1)) % CATEGORIES.size();
                }
                words.add(pick(CATEGORIES.get(other), random));
            } else {
                words.add(pick(FILLER, random));
            }
        }
        if (positive) {
            words.set(random.nextInt(length), pick(CATEGORIES.get(category), random));
        }
        return String.join(" ", words);
    }

    private static String pick(List<String> words, SplittableRandom random) {
        return words.get(random.nextInt(words.size()));
    }
}
