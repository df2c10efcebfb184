package dev.crosspt.djl.t5;

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

    /** Where the noise is written before it is copied into the tensor; reused between calls. */
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
        NDManager scope = x.getManager();
        long seed = scope.randomInteger(0, Long.MAX_VALUE, new Shape(1), DataType.INT64).toLongArray()[0];
        Shape shape = x.getShape();
        int size = Math.toIntExact(shape.size());
        ByteBuffer staging = staging(size);
        fill(staging.asFloatBuffer(), size, seed, rate);
        // the tensor owns its memory (set copies), so the staging buffer is free again for the next call
        NDArray noise = scope.create(shape, DataType.FLOAT32);
        noise.set(staging.limit(size * Float.BYTES));
        return x.mul(noise);
    }

    /**
     * Writes {@code size} noise values: {@code 1/(1-rate)} for kept elements, 0 for dropped ones.
     * Deterministic in {@code seed}, whatever the number of threads.
     */
    static void fill(FloatBuffer out, int size, long seed, float rate) {
        SplittableRandom root = new SplittableRandom(seed);
        int chunks = (size + CHUNK - 1) / CHUNK;
        long[] chunkSeeds = new long[chunks];
        for (int c = 0; c < chunks; c++) {
            chunkSeeds[c] = root.nextLong();
        }
        long threshold = (long) Math.ceil(rate * 4294967296.0);
        float keep = 1f / (1f - rate);
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
