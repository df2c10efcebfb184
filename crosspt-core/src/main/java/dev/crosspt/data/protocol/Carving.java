package dev.crosspt.data.protocol;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import java.util.ArrayList;
import java.util.List;

/** Steps 1 to 6 of {@link FewShotProtocol}: dev, test and the training pool. */
final class Carving {

    static final String TRAIN = "train";
    static final String VALIDATION = "validation";
    static final String MATCHED = "validation_matched";
    static final String MISMATCHED = "validation_mismatched";

    private Carving() {
    }

    /**
     * The dev and test sets and the pool the shots are drawn from.
     *
     * @param dev the dev set
     * @param test the test set
     * @param pool the training examples left for the shots, in file order
     * @param description the rule that applied, in words
     * @param poolDescription the pool, in words, for error messages
     */
    record Carved(List<RawExample> dev, List<RawExample> test, List<RawExample> pool, String description,
            String poolDescription) {
    }

    static Carved carve(RawTask task, FewShotProtocol p) {
        List<RawExample> train = labelled(task, TRAIN);
        if (task.name().equals("mnli") || task.splits().containsKey(MATCHED)) {
            return mnli(task, p, train);
        }
        return train.size() >= FewShotProtocol.LARGE_THRESHOLD ? large(task, p, train) : small(task, p, train);
    }

    private static Carved small(RawTask task, FewShotProtocol p, List<RawExample> train) {
        List<RawExample> validation = labelled(task, VALIDATION);
        int n = validation.size();
        int devSize = p.devSize() == FewShotProtocol.RULE_DEV_SIZE ? n / 2 : p.devSize();
        if (devSize < 1 || devSize >= n) {
            throw new InvalidInputException(task.name() + ": the " + VALIDATION + " split has " + n
                    + " labelled examples, too few for a dev set of " + devSize + " and a test set of the rest");
        }
        List<RawExample> shuffled = Seeds.shuffled(validation, Seeds.random(p.seed(), task.name(), "carve"));
        String how = p.devSize() == FewShotProtocol.RULE_DEV_SIZE ? "halved" : "divided";
        return new Carved(shuffled.subList(0, devSize), shuffled.subList(devSize, n), train,
                "small task (" + train.size() + " labelled training examples < " + FewShotProtocol.LARGE_THRESHOLD
                        + "): " + VALIDATION + " (" + n + ") shuffled with seed " + p.seed() + " and " + how
                        + ": dev " + devSize + ", test " + (n - devSize),
                "the " + TRAIN + " split");
    }

    private static Carved large(RawTask task, FewShotProtocol p, List<RawExample> train) {
        List<RawExample> validation = labelled(task, VALIDATION);
        int devSize = p.devSize() == FewShotProtocol.RULE_DEV_SIZE ? FewShotProtocol.LARGE_DEV_SIZE : p.devSize();
        if (devSize >= train.size()) {
            throw new InvalidInputException(task.name() + ": the " + TRAIN + " split has " + train.size()
                    + " labelled examples, too few to hold out " + devSize + " as dev and train on the rest");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        order = Seeds.shuffled(order, Seeds.random(p.seed(), task.name(), "carve"));
        boolean[] heldOut = new boolean[train.size()];
        List<RawExample> dev = new ArrayList<>(devSize);
        for (int i : order.subList(0, devSize)) {
            heldOut[i] = true;
            dev.add(train.get(i));
        }
        List<RawExample> pool = new ArrayList<>(train.size() - devSize);
        for (int i = 0; i < train.size(); i++) {
            if (!heldOut[i]) {
                pool.add(train.get(i));
            }
        }
        return new Carved(dev, validation, pool,
                "large task (" + train.size() + " labelled training examples >= " + FewShotProtocol.LARGE_THRESHOLD
                        + "): dev " + devSize + " training examples held out with seed " + p.seed() + ", test the "
                        + VALIDATION + " split (" + validation.size() + ")",
                "the " + TRAIN + " split less the " + devSize + " examples held out as dev");
    }

    private static Carved mnli(RawTask task, FewShotProtocol p, List<RawExample> train) {
        List<RawExample> mismatched = labelled(task, MISMATCHED);
        List<RawExample> matched = labelled(task, MATCHED);
        List<RawExample> dev = mismatched;
        String devWords = MISMATCHED + " (" + mismatched.size() + ")";
        if (p.devSize() != FewShotProtocol.RULE_DEV_SIZE) {
            if (p.devSize() > mismatched.size()) {
                throw new InvalidInputException(task.name() + ": the " + MISMATCHED + " split has "
                        + mismatched.size() + " labelled examples, fewer than the dev size " + p.devSize());
            }
            dev = Seeds.shuffled(mismatched, Seeds.random(p.seed(), task.name(), "carve")).subList(0, p.devSize());
            devWords = p.devSize() + " of " + devWords + " drawn with seed " + p.seed();
        }
        return new Carved(dev, matched, train,
                "mnli rule: dev " + devWords + ", test " + MATCHED + " (" + matched.size() + ")",
                "the " + TRAIN + " split");
    }

    /** A split's labelled examples, in file order; none is an error naming the task and the split. */
    private static List<RawExample> labelled(RawTask task, String split) {
        List<RawExample> out = new ArrayList<>();
        for (RawExample e : task.split(split)) {
            if (e.label() != null) {
                out.add(e);
            }
        }
        if (out.isEmpty()) {
            int all = task.split(split).size();
            throw new InvalidInputException(task.name() + ": the " + split + " split has no labelled examples"
                    + (all == 0 ? "" : " (" + all + " unlabelled)") + "; the few-shot protocol needs it");
        }
        return out;
    }
}
