package dev.crosspt.data;

import java.util.List;
import java.util.SplittableRandom;

/** Fisher-Yates shuffles driven by a {@link SplittableRandom}, so that a seed fixes the order. */
public final class Shuffle {

    private Shuffle() {}

    /** Shuffles {@code list} in place. */
    public static <T> void inPlace(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }
}
