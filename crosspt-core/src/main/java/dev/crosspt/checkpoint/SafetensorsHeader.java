package dev.crosspt.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of a safetensors file: where its data section starts, its metadata and its tensors.
 *
 * <p>Everything a later read relies on is checked here, once, so that reading a tensor can never run past
 * its file or mix bytes of two tensors, and a corrupt file fails at open with a message naming the problem.
 *
 * @param dataStart absolute file offset of the data section (8 + header length)
 * @param metadata the {@code __metadata__} map, empty if absent
 * @param tensors the tensors sorted by data offset (header order among equal offsets)
 */
record SafetensorsHeader(long dataStart, Map<String, String> metadata, Map<String, TensorInfo> tensors) {

    /** A larger header is not a safetensors file (the Python library has the same limit). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    /** Reads and validates the header of the file open on {@code ch}; {@code label} starts every message. */
    static SafetensorsHeader read(FileChannel ch, String label) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new CheckpointException(label + ": file is " + size + " bytes, too short for a safetensors "
                    + "file (expected an 8-byte header length, then the JSON header and the data)");
        }
        long n = readFully(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new CheckpointException(label + ": header length " + Long.toUnsignedString(n)
                    + " is absurd (expected at most " + MAX_HEADER_BYTES + " bytes); not a safetensors file?");
        }
        if (n > size - 8) {
            throw new CheckpointException(label + ": header length " + n + " goes beyond the end of the file ("
                    + size + " bytes, so at most " + (size - 8) + " header bytes); the file is truncated or "
                    + "not a safetensors file");
        }
        String text = decodeUtf8(readFully(ch, 8, (int) n), label);
        JsonElement root = Json.parse(text, true, label, "header");
        if (!root.isJsonObject()) {
            throw new CheckpointException(label + ": header is " + Json.typeOf(root)
                    + ", expected a JSON object mapping tensor names to {dtype, shape, data_offsets}");
        }
        long dataSize = size - 8 - n;
        Map<String, String> metadata = Map.of();
        List<TensorInfo> list = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = metadata(e.getValue(), label);
            } else {
                list.add(tensor(e.getKey(), e.getValue(), dataSize, label));
            }
        }
        // Stable sort: tensors keep header order among equal offsets (only possible for empty ones).
        list.sort(Comparator.comparingLong(TensorInfo::dataBegin).thenComparingLong(TensorInfo::dataEnd));
        checkNoOverlap(list, label);
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (TensorInfo t : list) {
            tensors.put(t.name(), t);
        }
        return new SafetensorsHeader(8 + n, metadata, Collections.unmodifiableMap(tensors));
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new EOFException("unexpected end of file at byte " + (position + buf.position()));
            }
        }
        return buf.flip();
    }

    private static String decodeUtf8(ByteBuffer bytes, String label) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(label + ": header is not valid UTF-8 text, expected a JSON object", e);
        }
    }

    private static Map<String, String> metadata(JsonElement value, String label) {
        if (!value.isJsonObject()) {
            throw new CheckpointException(label + ": " + METADATA_KEY + " is " + Json.typeOf(value)
                    + ", expected an object mapping names to strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new CheckpointException(label + ": " + METADATA_KEY + " entry '" + e.getKey() + "' is "
                        + Json.typeOf(v) + ", expected a string");
            }
            out.put(e.getKey(), v.getAsString());
        }
        return Collections.unmodifiableMap(out);
    }

    private static TensorInfo tensor(String name, JsonElement value, long dataSize, String label) {
        String where = label + ": tensor '" + name + "'";
        if (!value.isJsonObject()) {
            throw new CheckpointException(where + " is " + Json.typeOf(value)
                    + ", expected an object {dtype, shape, data_offsets}");
        }
        JsonObject o = value.getAsJsonObject();
        DType dtype = dtype(o.get("dtype"), where);
        long[] shape = longs(o.get("shape"), -1);
        if (shape == null) {
            throw new CheckpointException(where + " has shape " + o.get("shape")
                    + ", expected a list of non-negative integers");
        }
        long[] offsets = longs(o.get("data_offsets"), 2);
        if (offsets == null || offsets[0] > offsets[1]) {
            throw new CheckpointException(where + " has data_offsets " + o.get("data_offsets")
                    + ", expected [begin, end] with 0 <= begin <= end");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (end > dataSize) {
            throw new CheckpointException(where + " has data_offsets [" + begin + ", " + end + "] ending beyond "
                    + "the data section (" + dataSize + " bytes); the file is truncated or corrupt");
        }
        TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
        long expected;
        try {
            expected = Math.multiplyExact(info.numel(), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new CheckpointException(where + " has shape " + info.shapeString() + " with more elements "
                    + "than fit in a file", e);
        }
        if (end - begin != expected) {
            throw new CheckpointException(where + " has " + (end - begin) + " bytes (data_offsets [" + begin
                    + ", " + end + "]), expected " + expected + " for shape " + info.shapeString() + " of "
                    + dtype + " (" + dtype.byteSize() + " bytes each)");
        }
        return info;
    }

    private static DType dtype(JsonElement e, String where) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new CheckpointException(where + " has dtype " + Json.typeOf(e)
                    + ", expected a string, one of " + DType.knownCodes());
        }
        try {
            return DType.fromSafetensors(e.getAsString());
        } catch (IllegalArgumentException ex) {
            throw new CheckpointException(where + " has " + ex.getMessage(), ex);
        }
    }

    /** The list's elements as non-negative longs; null if it is not such a list (of {@code size} if >= 0). */
    private static long[] longs(JsonElement e, int size) {
        if (e == null || !e.isJsonArray()) {
            return null;
        }
        JsonArray a = e.getAsJsonArray();
        if (size >= 0 && a.size() != size) {
            return null;
        }
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Json.nonNegativeLong(a.get(i));
            if (out[i] < 0) {
                return null;
            }
        }
        return out;
    }

    /** Two tensors sharing bytes means a corrupt header: writing one would silently change the other. */
    private static void checkNoOverlap(List<TensorInfo> sorted, String label) {
        TensorInfo last = null;
        for (TensorInfo t : sorted) {
            if (t.dataBegin() == t.dataEnd()) {
                continue; // empty tensors own no bytes
            }
            if (last != null && t.dataBegin() < last.dataEnd()) {
                throw new CheckpointException(label + ": tensors '" + last.name() + "' [" + last.dataBegin() + ", "
                        + last.dataEnd() + "] and '" + t.name() + "' [" + t.dataBegin() + ", " + t.dataEnd()
                        + "] have overlapping data_offsets, expected disjoint byte ranges");
            }
            if (last == null || t.dataEnd() > last.dataEnd()) {
                last = t;
            }
        }
    }
}
