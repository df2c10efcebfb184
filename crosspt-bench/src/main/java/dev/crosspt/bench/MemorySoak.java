package dev.crosspt.bench;

import java.util.List;

/**
 * Resident memory over the memory soak: many training steps of a tiny model, where a leak of native tensors or
 * Java handles would show as growth.
 *
 * @param steps soak steps run
 * @param baselineStep the step whose resident memory is the baseline (see {@link #of})
 * @param baselineRssMb resident memory at the baseline step, in MiB
 * @param endRssMb resident memory after the last step, in MiB
 */
public record MemorySoak(int steps, int baselineStep, double baselineRssMb, double endRssMb) {

    /**
     * Garbage collections after which the JVM's young generation has settled into the pages it keeps using.
     * Through its first collections it still moves into pages it has not touched before (up to {@code -Xmn}, 64 MiB
     * in the launcher): a one-time cost, not growth. Measured on the T5-tiny soak: with the whole heap touched at
     * start-up ({@code -XX:+AlwaysPreTouch}) resident memory grew 0.14% from step 200; without it 2-8%, all of it
     * before the second collection.
     */
    public static final int SETTLING_COLLECTIONS = 2;

    /**
     * One read during the soak.
     *
     * @param step steps done
     * @param rssMb resident memory, in MiB
     * @param collections garbage collections since the soak began
     */
    public record Read(int step, double rssMb, long collections) {}

    /**
     * The soak from its reads, in step order, the last one after the last step. The baseline is the first read
     * taken after {@value #SETTLING_COLLECTIONS} garbage collections, other than the last; the first read when
     * there is none.
     *
     * @throws IllegalArgumentException when there are fewer than two reads
     */
    public static MemorySoak of(int steps, List<Read> reads) {
        if (reads.size() < 2) {
            throw new IllegalArgumentException("a soak needs at least two reads, got " + reads.size());
        }
        Read end = reads.get(reads.size() - 1);
        Read baseline = reads.subList(0, reads.size() - 1).stream()
                .filter(read -> read.collections() >= SETTLING_COLLECTIONS)
                .findFirst()
                .orElse(reads.get(0));
        return new MemorySoak(steps, baseline.step(), baseline.rssMb(), end.rssMb());
    }

    /** Relative growth from the baseline to the end, e.g. 0.01 for 1%. */
    public double growth() {
        return endRssMb / baselineRssMb - 1;
    }
}
