package dev.crosspt.metrics;

import dev.crosspt.api.InvalidInputException;
import java.util.List;
import java.util.TreeSet;

/**
 * Macro-averaged F1: the unweighted mean of each label's one-vs-rest F1 (see {@link F1}), as SuperGLUE reports
 * it for CB over its three labels. A prediction that is no label lowers the recall of its gold label.
 *
 * @param labels the labels to average over; empty: the distinct gold labels of each call (CB's validation and
 *     test sets hold all three)
 */
public record MacroF1(List<String> labels) implements Metric {

    /** The name {@code f1_macro}. */
    public static final String NAME = "f1_macro";

    /** Freezes the labels and rejects blank ones. */
    public MacroF1 {
        labels = labels.stream().map(l -> MetricInputs.label(NAME, "averaged", l)).toList();
    }

    /** Averages over the distinct gold labels of each call. */
    public MacroF1() {
        this(List.of());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double compute(List<String> gold, List<String> predicted) {
        MetricInputs.check(NAME, gold, predicted);
        List<String> over = labels;
        if (over.isEmpty()) {
            TreeSet<String> distinct = new TreeSet<>();
            gold.forEach(g -> distinct.add(MetricInputs.clean(g)));
            over = List.copyOf(distinct);
        } else {
            for (int i = 0; i < gold.size(); i++) {
                if (!over.contains(MetricInputs.clean(gold.get(i)))) {
                    throw new InvalidInputException(NAME + ": the gold label at index " + i + " is '" + gold.get(i)
                            + "', expected one of " + over);
                }
            }
        }
        double sum = 0;
        for (String label : over) {
            sum += F1.of(label, gold, predicted);
        }
        return sum / over.size();
    }
}
