package dev.crosspt.data.format;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a task's raw labels to the target text T5 is trained to produce, and generated text back to a raw label.
 *
 * <p>Four families, as in the CrossPT authors' setups:
 * <ul>
 *   <li>{@link #natural(RawTask)}: a natural word per label, chosen per task (table below);</li>
 *   <li>{@link #synthetic(RawTask)}: the task name and the label's index, {@code mrpc0}, {@code mrpc1}, tokens
 *       that carry no meaning of their own;</li>
 *   <li>{@link #numeric()}: STS-B's score as a number rounded to the nearest 0.2, such as {@code 3.8};</li>
 *   <li>{@link #text()}: a generative task's target text as it is, whichever family is asked for.</li>
 * </ul>
 *
 * <table>
 *   <caption>Natural label words (raw label: word), in the task's label order</caption>
 *   <tr><th>task</th><th>words</th></tr>
 *   <tr><td>cola</td><td>0: unacceptable, 1: acceptable</td></tr>
 *   <tr><td>sst2</td><td>0: negative, 1: positive</td></tr>
 *   <tr><td>mrpc</td><td>0: not_equivalent, 1: equivalent</td></tr>
 *   <tr><td>qqp</td><td>0: not_duplicate, 1: duplicate</td></tr>
 *   <tr><td>stsb</td><td>the score, see {@link #numeric()}</td></tr>
 *   <tr><td>mnli, cb</td><td>entailment, neutral, contradiction (as written)</td></tr>
 *   <tr><td>qnli, rte, sg-rte</td><td>entailment, not_entailment (as written)</td></tr>
 *   <tr><td>wnli</td><td>0: not_entailment, 1: entailment</td></tr>
 *   <tr><td>boolq, wic</td><td>false: no, true: yes</td></tr>
 *   <tr><td>copa</td><td>0: choice1, 1: choice2 (the names the input gives the two choices)</td></tr>
 *   <tr><td>any other task</td><td>the raw labels themselves</td></tr>
 * </table>
 * The words with underscores are the ones T5's own GLUE mixture was trained on.
 */
public interface Verbalizer {

    /**
     * The target text for a raw label.
     *
     * @param rawLabel a label as the dataset writes it
     * @throws InvalidInputException if the label is not one this verbalizer knows
     */
    String verbalize(String rawLabel);

    /**
     * The raw label a generated text stands for.
     *
     * @param generatedText what the model produced
     * @return the raw label, or null when the text matches no label
     */
    String parse(String generatedText);

    /** The target texts rank classification chooses among, in the task's label order; empty for regression. */
    List<String> candidates();

    /**
     * Natural words for a task (see the table above); regression tasks get {@link #numeric()}, tasks not in the
     * table their raw labels.
     *
     * @throws InvalidInputException if a task in the table has labels other than the table's
     */
    static Verbalizer natural(RawTask task) {
        if (task.kind() == TaskKind.REGRESSION) {
            return numeric();
        }
        if (task.kind().generative()) {
            return text();
        }
        Map<String, String> table = NaturalWords.forTask(task.name());
        Map<String, String> words = new LinkedHashMap<>();
        if (table == null) {
            task.labels().forEach(l -> words.put(l, l));
        } else {
            if (!table.keySet().equals(new HashSet<>(task.labels()))) {
                throw new InvalidInputException("task '" + task.name() + "' has labels " + task.labels()
                        + ", but its natural words are defined for " + table.keySet()
                        + "; use synthetic labels or give the task another name");
            }
            task.labels().forEach(l -> words.put(l, table.get(l)));
        }
        return new WordVerbalizer("natural", task.name(), words);
    }

    /**
     * Synthetic words: the task name followed by the label's index in the task's label order ({@code mrpc0},
     * {@code mrpc1}); regression tasks get {@link #numeric()}.
     */
    static Verbalizer synthetic(RawTask task) {
        if (task.kind() == TaskKind.REGRESSION) {
            return numeric();
        }
        if (task.kind().generative()) {
            return text();
        }
        Map<String, String> words = new LinkedHashMap<>();
        for (int i = 0; i < task.labels().size(); i++) {
            words.put(task.labels().get(i), task.name() + i);
        }
        return new WordVerbalizer("synthetic", task.name(), words);
    }

    /**
     * A number rounded to the nearest 0.2 and written with one decimal ({@code 3.81} becomes {@code 3.8}),
     * clamped to [0, 5]; parsing takes the first number in the text, clamped to [0, 5], or null if there is none.
     */
    static Verbalizer numeric() {
        return NumericVerbalizer.INSTANCE;
    }

    /** The target text as it is, for generative tasks (question answering, summaries): nothing to rank. */
    static Verbalizer text() {
        return TextVerbalizer.INSTANCE;
    }

    /**
     * Explicit words.
     *
     * @param task the task name, for messages
     * @param words the word for each raw label, in the task's label order
     * @throws IllegalArgumentException if a word is blank or two labels share a word (ignoring case)
     */
    static Verbalizer words(String task, Map<String, String> words) {
        return new WordVerbalizer("words", task, words);
    }
}
