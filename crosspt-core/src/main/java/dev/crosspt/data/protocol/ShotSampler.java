package dev.crosspt.data.protocol;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Steps 7 to 9 of {@link FewShotProtocol}: the k shots drawn from the training pool. */
final class ShotSampler {

    private ShotSampler() {
    }

    /**
     * The training set and how it was drawn.
     *
     * @param train the shots, shuffled
     * @param description how many of each label, in words
     */
    record Drawn(List<RawExample> train, String description) {
    }

    static Drawn draw(RawTask task, FewShotProtocol p, List<RawExample> pool, String poolWords) {
        if (task.kind() == TaskKind.REGRESSION || task.kind().generative()) {
            // no label to balance: k drawn uniformly (per-label has no meaning either)
            if (pool.size() < p.k()) {
                throw new InvalidInputException(task.name() + ": " + p.k() + " shots need " + p.k()
                        + " labelled examples in the training pool (" + poolWords + "), which has " + pool.size());
            }
            List<RawExample> drawn = Seeds.shuffled(pool, Seeds.random(p.seed(), task.name(), "shots"))
                    .subList(0, p.k());
            return new Drawn(finalOrder(task, p, drawn),
                    p.k() + " drawn uniformly from " + pool.size() + " (" + task.kind().name().toLowerCase(
                            java.util.Locale.ROOT) + ")");
        }
        Map<String, List<RawExample>> byLabel = byLabel(task, pool);
        Map<String, Integer> shares = p.perLabel() ? perLabel(task, p, byLabel, poolWords)
                : total(task, p, byLabel, poolWords);
        List<RawExample> drawn = new ArrayList<>(p.k());
        shares.forEach((label, share) -> drawn.addAll(Seeds.shuffled(byLabel.get(label),
                Seeds.random(p.seed(), task.name(), "shots:" + label)).subList(0, share)));
        String how = p.perLabel() ? p.k() + " per label" : p.k() + " in total";
        return new Drawn(finalOrder(task, p, drawn), how + " from " + pool.size() + " " + shares);
    }

    /** The pool grouped by label, in the task's label order (or sorted, when the task lists none). */
    private static Map<String, List<RawExample>> byLabel(RawTask task, List<RawExample> pool) {
        List<String> labels = task.labels();
        if (labels.isEmpty()) {
            TreeSet<String> seen = new TreeSet<>();
            pool.forEach(e -> seen.add(e.label()));
            labels = List.copyOf(seen);
        }
        Map<String, List<RawExample>> byLabel = new LinkedHashMap<>();
        labels.forEach(l -> byLabel.put(l, new ArrayList<>()));
        for (RawExample e : pool) {
            List<RawExample> group = byLabel.get(e.label());
            if (group == null) {
                throw new InvalidInputException(task.name() + ": the example at " + e.origin() + " is labelled '"
                        + e.label() + "', which is not one of the task's labels " + labels);
            }
            group.add(e);
        }
        return byLabel;
    }

    private static Map<String, Integer> perLabel(RawTask task, FewShotProtocol p,
            Map<String, List<RawExample>> byLabel, String poolWords) {
        Map<String, Integer> shares = new LinkedHashMap<>();
        byLabel.forEach((label, group) -> {
            if (group.size() < p.k()) {
                throw new InvalidInputException(task.name() + ": " + p.k() + " shots per label need " + p.k()
                        + " examples labelled '" + label + "' in the training pool (" + poolWords + "), which has "
                        + group.size());
            }
            shares.put(label, p.k());
        });
        return shares;
    }

    /**
     * k in total as evenly as the pool allows: each round gives every label that still has examples an equal
     * share of what is left (capped by what it has), the remainder going one each to the first labels in order.
     */
    private static Map<String, Integer> total(RawTask task, FewShotProtocol p,
            Map<String, List<RawExample>> byLabel, String poolWords) {
        int available = byLabel.values().stream().mapToInt(List::size).sum();
        if (available < p.k()) {
            throw new InvalidInputException(task.name() + ": " + p.k() + " shots need " + p.k()
                    + " labelled examples in the training pool (" + poolWords + "), which has " + available);
        }
        Map<String, Integer> shares = new LinkedHashMap<>();
        byLabel.keySet().forEach(l -> shares.put(l, 0));
        int left = p.k();
        while (left > 0) {
            List<String> open = new ArrayList<>();
            shares.forEach((l, s) -> {
                if (s < byLabel.get(l).size()) {
                    open.add(l);
                }
            });
            int each = left / open.size();
            for (int i = 0; i < open.size() && left > 0; i++) {
                String l = open.get(i);
                int give = Math.min(each == 0 ? 1 : each, byLabel.get(l).size() - shares.get(l));
                shares.put(l, shares.get(l) + give);
                left -= give;
            }
        }
        return shares;
    }

    private static List<RawExample> finalOrder(RawTask task, FewShotProtocol p, List<RawExample> drawn) {
        return Seeds.shuffled(drawn, Seeds.random(p.seed(), task.name(), "order"));
    }
}
