package dev.crosspt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The clusters suite: what relatedness shares, what differs on the surface, and labels that follow the rule. */
class ClusterSuiteTest {

    private static Set<Integer> categories(ClusterSuite.TaskRule rule) {
        return Arrays.stream(rule.categories()).boxed().collect(Collectors.toSet());
    }

    private static int shared(ClusterSuite.TaskRule a, ClusterSuite.TaskRule b) {
        Set<Integer> common = new HashSet<>(categories(a));
        common.retainAll(categories(b));
        return common.size();
    }

    @Test
    void relatednessSetsHowManyCategoriesTheTasksOfAClusterShare() {
        for (double relatedness : ClusterSuite.RELATEDNESS) {
            List<ClusterSuite.TaskRule> rules = ClusterSuite.rules(relatedness);
            assertEquals(6, rules.size());
            for (ClusterSuite.TaskRule a : rules) {
                assertEquals(2, categories(a).size(), a.name());
                for (ClusterSuite.TaskRule b : rules) {
                    if (a == b) {
                        continue;
                    }
                    int expected = a.cluster() == b.cluster() ? (int) Math.round(2 * relatedness) : 0;
                    assertEquals(expected, shared(a, b), a.name() + " and " + b.name() + " at " + relatedness);
                }
            }
        }
    }

    @Test
    void tasksOfAClusterDifferOnTheSurface() {
        List<ClusterSuite.TaskRule> rules = ClusterSuite.rules(1);
        assertEquals(6, rules.stream().map(ClusterSuite.TaskRule::labels).distinct().count(), "answer words");
        assertEquals(6, rules.stream().map(ClusterSuite.TaskRule::name).distinct().count(), "names");
        assertEquals(3, rules.stream().filter(r -> r.cluster() == 0).map(ClusterSuite.TaskRule::style).distinct().count());
        assertEquals("colour animal yes no", rules.get(0).instruction());
    }

    @Test
    void labelsFollowTheRuleAndInputsCarryNoInstruction() {
        Set<String> instructionWords = new HashSet<>(DemoVocabulary.initExcluded());
        Set<String> known = new HashSet<>(DemoVocabulary.words());
        for (double relatedness : ClusterSuite.RELATEDNESS) {
            List<ClusterSuite.TaskRule> rules = ClusterSuite.rules(relatedness);
            List<TaskData> tasks = ClusterSuite.generate(relatedness, 40, 10, 10, 7);
            for (int t = 0; t < tasks.size(); t++) {
                Set<String> ruleWords = new HashSet<>();
                for (int c : rules.get(t).categories()) {
                    ruleWords.addAll(DemoVocabulary.CATEGORIES.get(c));
                }
                TaskData task = tasks.get(t);
                assertEquals(rules.get(t).labels(), task.labels());
                assertEquals(20, task.train().stream().filter(e -> e.target().equals(task.labels().get(0))).count(),
                        "balanced");
                for (Example e : task.train()) {
                    List<String> words = List.of(e.input().split(" "));
                    boolean holdsRuleWord = words.stream().anyMatch(ruleWords::contains);
                    assertEquals(holdsRuleWord ? task.labels().get(0) : task.labels().get(1), e.target(), e.input());
                    assertTrue(words.stream().noneMatch(instructionWords::contains), "instruction word in " + e.input());
                    assertTrue(known.containsAll(words), "unknown word in " + e.input());
                }
            }
        }
    }

    @Test
    void aSeedDeterminesTheData() {
        assertEquals(ClusterSuite.generate(1, 8, 4, 4, 7), ClusterSuite.generate(1, 8, 4, 4, 7));
        assertNotEquals(ClusterSuite.generate(1, 8, 4, 4, 7), ClusterSuite.generate(1, 8, 4, 4, 8));
    }

    @Test
    void anUnknownRelatednessIsBadInputNamingTheFlag() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ClusterSuite.rules(0.7));
        assertTrue(e.getMessage().contains("--relatedness") && e.getMessage().contains("0.7"), e.getMessage());
    }

    @Test
    void modelTrainingExamplesLeadWithAnInstructionWhoseAnswerWordsHoldTheTarget() {
        List<Example> examples = DemoVocabulary.instructed(500, 1);
        Set<String> names = new HashSet<>(DemoVocabulary.CATEGORY_NAMES);
        names.addAll(SyntheticSuite.TASKS);
        int naming = 0;
        for (Example e : examples) {
            String[] words = e.input().split(" ");
            if (words.length == 1) {
                // a naming example: the word's category
                int category = DemoVocabulary.CATEGORY_NAMES.indexOf(e.target());
                assertTrue(category >= 0 && DemoVocabulary.members(category).contains(words[0]), e + "");
                naming++;
                continue;
            }
            assertTrue(names.contains(words[0]), e.input());
            assertTrue(List.of(words).subList(0, 4).contains(e.target()), e.input() + " -> " + e.target());
        }
        assertFalse(examples.stream().allMatch(e -> e.target().equals("yes") || e.target().equals("no")));
        assertTrue(naming > 100 && naming < 200, naming + " naming examples of 500");
    }
}
