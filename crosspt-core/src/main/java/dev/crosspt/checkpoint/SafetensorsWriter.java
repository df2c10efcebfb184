package dev.crosspt.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Collects tensors and writes them as one safetensors file that the Python library and {@link SafetensorsFile}
 * both read.
 *
 * <p>Tensors are converted to their stored bytes when added, so later changes to the caller's arrays do not
 * leak in. The header lists tensors in insertion order, the data is packed in the same order, and the header
 * is padded with spaces to a multiple of 8 bytes as the Python library does (keeping the data aligned).
 */
public final class SafetensorsWriter {

    /** No HTML escaping: tensor names and metadata should appear in the header as written. */
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, Entry> tensors = new LinkedHashMap<>();

    private record Entry(DType dtype, long[] shape, byte[] bytes) {
    }

    /** Creates an empty writer. */
    public SafetensorsWriter() {
    }

    /**
     * Adds (or replaces) one {@code __metadata__} entry.
     *
     * @param key the entry name
     * @param value the entry value
     * @return this writer
     */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Adds a floating-point tensor, stored as F32, or narrowed to F16 or BF16 with round-to-nearest-even.
     *
     * @param name the tensor name, unique in this file
     * @param shape the dimensions, empty for a scalar
     * @param data the elements in row-major order; its length must equal the product of the dimensions
     * @param storage F32, F16 or BF16
     * @return this writer
     * @throws IllegalArgumentException on a duplicate or reserved name, a negative dimension, a length that
     *     does not match the shape, or another storage type
     */
    public SafetensorsWriter putFloats(String name, long[] shape, float[] data, DType storage) {
        Objects.requireNonNull(data, "data");
        if (storage != DType.F32 && storage != DType.F16 && storage != DType.BF16) {
            throw new IllegalArgumentException("tensor '" + name + "': storage " + storage
                    + " is not supported for floats, expected F32, F16 or BF16");
        }
        checkNew(name, shape, data.length);
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(data.length, storage.byteSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            switch (storage) {
                case F32 -> buf.putFloat(v);
                case F16 -> buf.putShort(HalfFloats.f32ToF16(v));
                default -> buf.putShort(HalfFloats.f32ToBf16(v));
            }
        }
        tensors.put(name, new Entry(storage, shape.clone(), buf.array()));
        return this;
    }

    /**
     * Adds an integer tensor, stored as I64.
     *
     * @param name the tensor name, unique in this file
     * @param shape the dimensions, empty for a scalar
     * @param data the elements in row-major order; its length must equal the product of the dimensions
     * @return this writer
     * @throws IllegalArgumentException on a duplicate or reserved name, a negative dimension or a length that
     *     does not match the shape
     */
    public SafetensorsWriter putLongs(String name, long[] shape, long[] data) {
        Objects.requireNonNull(data, "data");
        checkNew(name, shape, data.length);
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(data.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(data);
        tensors.put(name, new Entry(DType.I64, shape.clone(), buf.array()));
        return this;
    }

    private void checkNew(String name, long[] shape, int length) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        if (name.equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("tensor name '" + name + "' is reserved for the metadata");
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' was already added");
        }
        long numel = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in shape "
                        + Arrays.toString(shape));
            }
            numel = Math.multiplyExact(numel, d);
        }
        if (numel != length) {
            throw new IllegalArgumentException("tensor '" + name + "': " + length + " values given, expected "
                    + numel + " for shape " + Arrays.toString(shape));
        }
    }

    /**
     * Writes the file atomically: to a temporary file in the same directory, flushed to disk, then moved over
     * {@code file}, so a failure never leaves a half-written file where a good one was.
     *
     * @param file the destination (its directory is created if needed); an existing file is replaced
     * @throws CheckpointException if the file cannot be written; the message names it
     */
    public void write(Path file) {
        write(file, () -> { });
    }

    /** As {@link #write(Path)}; {@code beforeMove} runs once the data is on disk, so tests can fail there. */
    void write(Path file, Runnable beforeMove) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // Not Files.createTempFile: its owner-only permissions would carry over to the checkpoint.
            tmp = dir.resolve("." + abs.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writeTo(out);
                out.flush();
                ch.force(true); // the data must be durable before the rename makes it visible
            }
            beforeMove.run();
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write safetensors file (" + e + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort: the temporary file is hidden and never mistaken for the real one.
                }
            }
        }
    }

    private void writeTo(OutputStream out) throws IOException {
        byte[] header = header();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        for (Entry e : tensors.values()) {
            out.write(e.bytes());
        }
    }

    /** The JSON header, padded with spaces to a multiple of 8 bytes. */
    private byte[] header() {
        JsonObject root = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            root.add(SafetensorsHeader.METADATA_KEY, meta);
        }
        long offset = 0;
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
            JsonObject t = new JsonObject();
            t.addProperty("dtype", e.getValue().dtype().safetensorsCode());
            JsonArray shape = new JsonArray();
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += e.getValue().bytes().length;
            offsets.add(offset);
            t.add("data_offsets", offsets);
            root.add(e.getKey(), t);
        }
        byte[] json = GSON.toJson(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }
}
