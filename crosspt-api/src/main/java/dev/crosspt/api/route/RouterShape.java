package dev.crosspt.api.route;

/**
 * The sizes a router's parameters are made for.
 *
 * @param tasks T, the number of tasks
 * @param sources M, the number of shared source prompts among the candidates
 * @param candidates K, the candidates per task: the M sources, then the task's private prompt when the variant has
 *     one ({@code K = M} or {@code M + 1})
 * @param promptLength L, the length of each candidate prompt
 * @param dim d, the width of the prompts and of the backbone's input features
 * @param seed the seed the router draws its initial parameters from (derived from the run's seed)
 */
public record RouterShape(int tasks, int sources, int candidates, int promptLength, int dim, long seed) {

    /** Checks the sizes. */
    public RouterShape {
        if (tasks < 1 || sources < 0 || candidates < 1 || candidates < sources || candidates > sources + 1
                || promptLength < 1 || dim < 1) {
            throw new IllegalArgumentException("router shape: tasks " + tasks + ", sources " + sources
                    + ", candidates " + candidates + ", prompt length " + promptLength + ", dim " + dim);
        }
    }

    /** Whether the last candidate of each task is its private prompt. */
    public boolean hasPrivate() {
        return candidates == sources + 1;
    }
}
