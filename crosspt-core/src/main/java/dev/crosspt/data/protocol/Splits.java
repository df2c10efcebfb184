package dev.crosspt.data.protocol;

import dev.crosspt.data.RawExample;
import java.util.List;

/**
 * One task's carved splits: the few-shot training set, the dev set for model selection and the test set for
 * the final report. No example is in two of them, and every one has a label.
 *
 * @param train the k-shot training examples, in a shuffled order
 * @param dev the dev examples
 * @param test the test examples
 * @param ruleDescription how they were carved, in words (the rule that applied and the sizes)
 * @param protocol the settings that carved them
 */
public record Splits(
        List<RawExample> train, List<RawExample> dev, List<RawExample> test, String ruleDescription,
        FewShotProtocol protocol) {

    /** Freezes the lists; rejects missing parts and unlabelled examples. */
    public Splits {
        train = labelled("train", train);
        dev = labelled("dev", dev);
        test = labelled("test", test);
        if (ruleDescription == null || ruleDescription.isBlank()) {
            throw new IllegalArgumentException("splits need a rule description, got '" + ruleDescription + "'");
        }
        if (protocol == null) {
            throw new IllegalArgumentException("splits need the protocol that carved them, got null");
        }
    }

    private static List<RawExample> labelled(String name, List<RawExample> examples) {
        if (examples == null) {
            throw new IllegalArgumentException("splits need a " + name + " list, got null");
        }
        for (int i = 0; i < examples.size(); i++) {
            RawExample e = examples.get(i);
            if (e == null || e.label() == null) {
                throw new IllegalArgumentException("splits hold labelled examples only; " + name + "[" + i + "] "
                        + (e == null ? "is null" : "from " + e.origin() + " has no label"));
            }
        }
        return List.copyOf(examples);
    }
}
