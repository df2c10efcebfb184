package dev.crosspt.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A safetensors file opened for reading: a validated header and lazily memory-mapped tensor data.
 *
 * <p>Opening reads and checks only the header; each {@code read...} call maps just that tensor's byte range,
 * so opening a multi-gigabyte checkpoint is cheap and only the tensors used are paged in. Ranges are mapped
 * in chunks because one {@link MappedByteBuffer} cannot exceed 2 GiB. Safe for concurrent reads.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** Bytes mapped at once: well under the 2 GiB limit of one buffer and a multiple of every element size. */
    private static final long CHUNK_BYTES = 1L << 30;

    private final Path path;
    private final FileChannel channel;
    private final SafetensorsHeader header;

    /** Bytes per mapping; tests lower it (to a multiple of 8) to exercise the chunking on small files. */
    long chunkBytes = CHUNK_BYTES;

    private SafetensorsFile(Path path, FileChannel channel, SafetensorsHeader header) {
        this.path = path;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens a safetensors file and validates its whole header; no tensor data is read yet.
     *
     * @param file the file
     * @return the open file, to be closed by the caller
     * @throws CheckpointException if the file is missing, unreadable, truncated or has an invalid header;
     *     the message names the file and, where relevant, the tensor
     */
    public static SafetensorsFile open(Path file) {
        if (Files.isDirectory(file)) {
            throw new CheckpointException(file + ": is a directory, expected a .safetensors file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file, expected a .safetensors file", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot open (" + e + ")", e);
        }
        try {
            return new SafetensorsFile(file, ch, SafetensorsHeader.read(ch, file.toString()));
        } catch (IOException e) {
            closeQuietly(ch, e);
            throw new CheckpointException(file + ": cannot read the header (" + e + ")", e);
        } catch (RuntimeException | Error e) {
            closeQuietly(ch, e);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch, Throwable primary) {
        try {
            ch.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /**
     * Returns the path this file was opened with.
     *
     * @return the path as given to {@link #open(Path)}
     */
    public Path path() {
        return path;
    }

    /**
     * Returns the header's {@code __metadata__} map, such as {@code {"format": "pt"}}.
     *
     * @return an unmodifiable map, empty if the header has none
     */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /**
     * Returns every tensor's description, ordered by position in the data section.
     *
     * @return an unmodifiable map from tensor name to its description
     */
    public Map<String, TensorInfo> tensors() {
        return header.tensors();
    }

    /**
     * Tells whether the file holds a tensor of this name.
     *
     * @param name the tensor name
     * @return true if present
     */
    public boolean has(String name) {
        return header.tensors().containsKey(name);
    }

    /**
     * Returns the description of one tensor.
     *
     * @param name the tensor name
     * @return its dtype, shape and offsets
     * @throws CheckpointException if there is no such tensor; the message lists up to five close names
     */
    public TensorInfo info(String name) {
        TensorInfo t = header.tensors().get(name);
        if (t == null) {
            throw new CheckpointException(path + ": no tensor '" + name + "'"
                    + Suggestions.closest(name, header.tensors().keySet()));
        }
        return t;
    }

    /**
     * Reads a floating-point tensor as floats: F32 as stored, F16 and BF16 widened exactly, F64 rounded.
     *
     * @param name the tensor name
     * @return the elements in row-major order
     * @throws CheckpointException if the tensor is missing, not floating-point, too large for one array or
     *     cannot be read
     */
    public float[] readFloats(String name) {
        TensorInfo t = info(name);
        if (!t.dtype().isFloating()) {
            throw new CheckpointException(path + ": tensor '" + name + "' has dtype " + t.dtype()
                    + ", expected a floating tensor (F64, F32, F16 or BF16)");
        }
        float[] out = new float[arrayLength(t)];
        read(t, (buf, first, count) -> {
            switch (t.dtype()) {
                case F32 -> buf.asFloatBuffer().get(out, first, count);
                case F64 -> {
                    var d = buf.asDoubleBuffer();
                    for (int i = 0; i < count; i++) {
                        out[first + i] = (float) d.get(i);
                    }
                }
                case F16 -> {
                    var s = buf.asShortBuffer();
                    for (int i = 0; i < count; i++) {
                        out[first + i] = HalfFloats.f16ToF32(s.get(i));
                    }
                }
                case BF16 -> {
                    var s = buf.asShortBuffer();
                    for (int i = 0; i < count; i++) {
                        out[first + i] = HalfFloats.bf16ToF32(s.get(i));
                    }
                }
                default -> throw new AssertionError(t.dtype());
            }
        });
        return out;
    }

    /**
     * Reads an integer or boolean tensor as longs: I64 as stored, I32/I16/I8 sign-extended, U8 zero-extended,
     * BOOL as 0 or 1.
     *
     * @param name the tensor name
     * @return the elements in row-major order
     * @throws CheckpointException if the tensor is missing, floating-point, too large for one array or cannot
     *     be read
     */
    public long[] readLongs(String name) {
        TensorInfo t = info(name);
        if (t.dtype().isFloating()) {
            throw new CheckpointException(path + ": tensor '" + name + "' has dtype " + t.dtype()
                    + ", expected an integer tensor (I64, I32, I16, I8, U8 or BOOL)");
        }
        long[] out = new long[arrayLength(t)];
        read(t, (buf, first, count) -> {
            switch (t.dtype()) {
                case I64 -> buf.asLongBuffer().get(out, first, count);
                case I32 -> {
                    var v = buf.asIntBuffer();
                    for (int i = 0; i < count; i++) {
                        out[first + i] = v.get(i);
                    }
                }
                case I16 -> {
                    var v = buf.asShortBuffer();
                    for (int i = 0; i < count; i++) {
                        out[first + i] = v.get(i);
                    }
                }
                case I8 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = buf.get(i);
                    }
                }
                case U8 -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = buf.get(i) & 0xff;
                    }
                }
                case BOOL -> {
                    for (int i = 0; i < count; i++) {
                        out[first + i] = buf.get(i) != 0 ? 1 : 0;
                    }
                }
                default -> throw new AssertionError(t.dtype());
            }
        });
        return out;
    }

    /**
     * Reads the first bytes of a tensor's data exactly as stored (little-endian, any dtype), without mapping it:
     * for fingerprints that look at a little of every tensor.
     *
     * @param name the tensor name
     * @param maxBytes how many bytes at most
     * @return the first {@code min(maxBytes, size)} bytes of the tensor's data
     * @throws CheckpointException if the tensor is missing or cannot be read
     * @throws IllegalArgumentException if {@code maxBytes} is negative
     */
    public byte[] readBytes(String name, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " < 0");
        }
        TensorInfo t = info(name);
        if (!channel.isOpen()) {
            throw new IllegalStateException(path + " is closed");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(maxBytes, t.dataEnd() - t.dataBegin()));
        long position = header.dataStart() + t.dataBegin();
        try {
            while (buf.hasRemaining()) {
                // positional reads leave the channel's position alone, so concurrent readers do not interfere
                if (channel.read(buf, position + buf.position()) < 0) {
                    throw new CheckpointException(path + ": tensor '" + name + "' ends past the end of the file");
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot read tensor '" + name + "' (" + e + ")", e);
        }
        return buf.array();
    }

    /** Java arrays stop a little below 2^31 elements; say so instead of failing with a negative size. */
    private int arrayLength(TensorInfo t) {
        long n = t.numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(path + ": tensor '" + t.name() + "' has " + n + " elements (shape "
                    + t.shapeString() + "), more than one Java array can hold");
        }
        return (int) n;
    }

    /** Receives one mapped chunk (little-endian, positioned at 0) holding elements [first, first + count). */
    private interface ChunkConsumer {
        void accept(ByteBuffer chunk, int first, int count);
    }

    private void read(TensorInfo t, ChunkConsumer consumer) {
        if (!channel.isOpen()) {
            throw new IllegalStateException(path + " is closed");
        }
        int size = t.dtype().byteSize();
        long total = t.dataEnd() - t.dataBegin();
        try {
            for (long done = 0; done < total; ) {
                long len = Math.min(chunkBytes, total - done);
                MappedByteBuffer buf = channel.map(FileChannel.MapMode.READ_ONLY,
                        header.dataStart() + t.dataBegin() + done, len);
                buf.order(ByteOrder.LITTLE_ENDIAN);
                consumer.accept(buf, (int) (done / size), (int) (len / size));
                done += len;
            }
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot read tensor '" + t.name() + "' (" + e + ")", e);
        }
    }

    /** Closes the file channel; mapped data already returned stays valid in the returned arrays. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot close (" + e + ")", e);
        }
    }

    /**
     * Describes the file for logs.
     *
     * @return the path and tensor count
     */
    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + header.tensors().size() + " tensors]";
    }
}
