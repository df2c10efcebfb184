package dev.crosspt.djl.t5;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Inverted dropout with the keep mask drawn in Java rather than by PyTorch's {@code bernoulli_}.
 *
 * <p>Why: on the CPU, libtorch 2.7's {@code bernoulli_(p)} draws one double per element from a locked
 * generator, serially; the profile of a T5-small training step showed it taking about a third of the step.
 * Here one 64-bit seed is drawn from the engine's generator per call (so {@code Engine.setRandomSeed} still
 * fixes every mask), and the mask is expanded from it with {@link SplittableRandom} in fixed chunks, each with
 * its own seed, so the mask is the same whatever the number of threads that fill it.
 *
 * <p>The noise is {@code 1/(1-p)} where an element is kept and 0 where it is dropped, as PyTorch's dropout
 * computes it; an element is dropped when a uniform 32-bit draw is below {@code ceil(p * 2^32)}, so the drop
 * probability is {@code p} to within {@code 2^-32}. The result is {@code x * noise}: autograd records one
 * multiply, whose backward pass multiplies the gradient by the same noise.
 */
final class DropoutNoise {

    /** Elements per chunk: each chunk has its own generator, so chunks can be filled in parallel. */
    static final int CHUNK = 1 << 15;

    /** Below this many elements one thread fills the mask; the fork costs more than it saves. */
    private static final int PARALLEL_THRESHOLD = 1 << 18;

    /** Where the noise is written for a tensor off the CPU, before it is copied there; reused between calls. */
    private static final ThreadLocal<ByteBuffer> STAGING = new ThreadLocal<>();

    /** One chunk's values, per filling thread, so that a step's tens of millions of values make no garbage. */
    private static final ThreadLocal<float[]> CHUNK_VALUES = ThreadLocal.withInitial(() -> new float[CHUNK]);

    private DropoutNoise() {}

    /**
     * Applies dropout to {@code x}.
     *
     * @param rate the drop probability, in (0, 1)
     * @return {@code x * noise}, attached to {@code x}'s manager
     */
    static NDArray apply(NDArray x, float rate) {
        return x.mul(noise(x, rate));
    }

    /**
     * Applies dropout to {@code x} in its own memory, which saves a full-size allocation. Only for a fresh result
     * that nothing else reads afterwards and that no autograd node saved (a matrix product's or a multiply's
     * output): autograd would refuse a backward pass through a tensor it saved and that was changed since.
     *
     * @param rate the drop probability, in (0, 1)
     * @return {@code x}, now {@code x * noise}
     */
    static NDArray applyInPlace(NDArray x, float rate) {
        return x.muli(noise(x, rate));
    }

    /**
     * Multiplies {@code x} in its own memory by a 0/1 keep mask, outside autograd: the same draw {@link #apply}
     * would make, without the {@code 1/(1-p)} scale. Only for a fresh result that no autograd node saved, whose
     * next operation zeroes the gradient where the value is 0 (relu), and whose scale the caller applies elsewhere.
     *
     * @param rate the drop probability, in (0, 1)
     */
    static void maskInPlace(NDArray x, float rate) {
        try (NDArray mask = noise(x, rate, 1f); NDArray detached = x.stopGradient()) {
            detached.muli(mask);
        }
    }

    private static NDArray noise(NDArray x, float rate) {
        return noise(x, rate, 1f / (1f - rate));
    }

    private static NDArray noise(NDArray x, float rate, float keep) {
        NDManager scope = x.getManager();
        long seed = scope.randomInteger(0, Long.MAX_VALUE, new Shape(1), DataType.INT64).toLongArray()[0];
        Shape shape = x.getShape();
        int size = Math.toIntExact(shape.size());
        NDArray noise = scope.create(shape, DataType.FLOAT32);
        if (scope.getDevice().equals(Device.cpu())) {
            // a fresh (contiguous) CPU tensor: its own memory is written, with no staging buffer and no copy
            fill(noise.toByteBuffer(true).asFloatBuffer(), size, seed, rate, keep);
        } else {
            // the tensor owns its memory (set copies), so the staging buffer is free again for the next call
            ByteBuffer staging = staging(size);
            fill(staging.asFloatBuffer(), size, seed, rate, keep);
            noise.set(staging.limit(size * Float.BYTES));
        }
        return noise;
    }

    /**
     * Writes {@code size} noise values: {@code 1/(1-rate)} for kept elements, 0 for dropped ones.
     * Deterministic in {@code seed}, whatever the number of threads.
     */
    static void fill(FloatBuffer out, int size, long seed, float rate) {
        fill(out, size, seed, rate, 1f / (1f - rate));
    }

    /** Writes {@code size} values: {@code keep} for kept elements, 0 for dropped ones. */
    static void fill(FloatBuffer out, int size, long seed, float rate, float keep) {
        SplittableRandom root = new SplittableRandom(seed);
        int chunks = (size + CHUNK - 1) / CHUNK;
        long[] chunkSeeds = new long[chunks];
        for (int c = 0; c < chunks; c++) {
            chunkSeeds[c] = root.nextLong();
        }
        long threshold = (long) Math.ceil(rate * 4294967296.0);
        IntStream range = IntStream.range(0, chunks);
        if (size >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        range.forEach(c -> fillChunk(out, c * CHUNK, Math.min(size, (c + 1) * CHUNK), chunkSeeds[c], threshold, keep));
    }

    private static void fillChunk(FloatBuffer out, int from, int to, long seed, long threshold, float keep) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = CHUNK_VALUES.get();
        int length = to - from;
        for (int i = 0; i < length; i += 2) {
            long bits = random.nextLong();
            values[i] = (bits >>> 32) < threshold ? 0f : keep;
            if (i + 1 < length) {
                values[i + 1] = (bits & 0xffffffffL) < threshold ? 0f : keep;
            }
        }
        out.put(from, values, 0, length);
    }

    private static ByteBuffer staging(int size) {
        ByteBuffer buffer = STAGING.get();
        if (buffer == null || buffer.capacity() < size * Float.BYTES) {
            buffer = ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder());
            STAGING.set(buffer);
        }
        return buffer.clear();
    }
}
