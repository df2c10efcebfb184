package dev.crosspt.demo;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.Example;
import dev.crosspt.data.Shuffle;
import dev.crosspt.data.TaskData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's suite where sharing can help: two clusters of three tasks. Every task answers whether a sentence
 * holds a word of either of two categories (its <em>rule</em>); tasks of one cluster differ on the surface (their
 * answer words and their input style) and share as much of the rule as the relatedness says:
 *
 * <ul>
 *   <li>1: every task of a cluster has the same two categories ({@code colour|animal} in cluster a);
 *   <li>0.5: they share one category and each has its own second one;
 *   <li>0: they share none (and no task shares a category with any other).
 * </ul>
 *
 * <p>The demo model learned the rules from instructions ({@link DemoVocabulary#instruction}); here the inputs
 * carry none, so each task's prompt has to say both the rule and the answer words. With few examples a task
 * sees only a few of its rule's words; tasks that share a rule can pool what they see through shared sources.
 */
public final class ClusterSuite {

    /** The relatedness settings the suite knows. */
    public static final List<Double> RELATEDNESS = List.of(1.0, 0.5, 0.0);

    /** Cluster names, one letter each. */
    static final List<String> CLUSTERS = List.of("a", "b");

    /**
     * Each task's two categories (indices into {@link DemoVocabulary#CATEGORIES}) per relatedness, cluster a's
     * three tasks then cluster b's; the first task of each cluster keeps its rule at every setting.
     */
    private static final int[][][] RULES = {
        {{0, 1}, {0, 1}, {0, 1}, {2, 3}, {2, 3}, {2, 3}},
        {{0, 1}, {0, 4}, {0, 5}, {2, 3}, {2, 6}, {2, 7}},
        {{0, 1}, {4, 5}, {8, 9}, {2, 3}, {6, 7}, {10, 11}},
    };

    private ClusterSuite() {}

    /**
     * One task's definition.
     *
     * @param name cluster letter and input style, e.g. {@code a-list}
     * @param cluster index into {@link #CLUSTERS}
     * @param categories the rule: a sentence is positive when it holds a word of one of these categories
     * @param labels the positive answer word, then the negative one
     * @param style how the input is written
     */
    public record TaskRule(String name, int cluster, int[] categories, List<String> labels, DemoVocabulary.Style style) {

        /** The instruction the demo model was taught for this rule, e.g. {@code colour animal true false}. */
        public String instruction() {
            return DemoVocabulary.instruction(categories, labels);
        }
    }

    /**
     * The six tasks at a relatedness of 1, 0.5 or 0.
     *
     * @throws InvalidInputException for another relatedness
     */
    public static List<TaskRule> rules(double relatedness) {
        int setting = RELATEDNESS.indexOf(relatedness);
        if (setting < 0) {
            throw new InvalidInputException("--relatedness: expected one of 1, 0.5, 0, got " + relatedness);
        }
        List<TaskRule> rules = new ArrayList<>();
        List<DemoVocabulary.Style> styles = List.of(DemoVocabulary.Style.values());
        for (int c = 0; c < CLUSTERS.size(); c++) {
            for (int j = 0; j < styles.size(); j++) {
                DemoVocabulary.Style style = styles.get(j);
                // answer words differ between every pair of tasks: the surface each private prompt must carry
                List<String> labels = DemoVocabulary.LABEL_PAIRS.get(c * styles.size() + j);
                rules.add(new TaskRule(CLUSTERS.get(c) + "-" + style.word(), c,
                        RULES[setting][c * styles.size() + j].clone(), labels, style));
            }
        }
        return rules;
    }

    /**
     * Generates the suite at a relatedness, balanced by label in every split.
     *
     * @param seed the data seed (the same seed gives the same sentences at every relatedness where rules agree)
     */
    public static List<TaskData> generate(double relatedness, int trainPerTask, int devPerTask, int testPerTask,
            long seed) {
        List<TaskData> tasks = new ArrayList<>();
        List<TaskRule> rules = rules(relatedness);
        for (int t = 0; t < rules.size(); t++) {
            TaskRule rule = rules.get(t);
            SplittableRandom random = new SplittableRandom(seed * 131 + t);
            tasks.add(new TaskData(rule.name(), rule.labels(), split(rule, trainPerTask, random),
                    split(rule, devPerTask, random), split(rule, testPerTask, random)));
        }
        return tasks;
    }

    private static List<Example> split(TaskRule rule, int size, SplittableRandom random) {
        List<Example> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            boolean positive = i % 2 == 0;
            out.add(new Example(DemoVocabulary.sentence(rule.categories(), positive, rule.style(), random),
                    rule.labels().get(positive ? 0 : 1)));
        }
        // interleaved labels, then shuffled so that order carries nothing
        Shuffle.inPlace(out, random);
        return out;
    }
}
