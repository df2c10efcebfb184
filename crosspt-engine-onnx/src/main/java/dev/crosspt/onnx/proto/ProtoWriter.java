package dev.crosspt.onnx.proto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers encoder: varints, fixed32 floats and length-delimited fields, enough to write the
 * ONNX messages this package needs without a protobuf library. Fields are written in the order called.
 */
public final class ProtoWriter {

    private static final int VARINT = 0;
    private static final int FIXED32 = 5;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes a varint field (int32, int64, enum, bool); negative values take ten bytes, as protobuf does. */
    public ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** Writes a float field (wire type fixed32, little-endian). */
    public ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** Writes a UTF-8 string field. */
    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a bytes field (or an already encoded embedded message). */
    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    /** Writes an embedded message. */
    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** Writes a repeated int64 field packed (parsers accept packed encoding for proto2 repeated scalars). */
    public ProtoWriter packedVarints(int field, long[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) {
            packed.rawVarint(v);
        }
        return bytes(field, packed.toByteArray());
    }

    /** The encoded bytes so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Encodes a field key: {@code field << 3 | wireType}. */
    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    /** Writes a base-128 varint, low groups first. */
    void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /**
     * Encodes a varint on its own (for a length prefix written by hand).
     *
     * @param value the value
     * @return its varint bytes
     */
    public static byte[] varintBytes(long value) {
        ProtoWriter w = new ProtoWriter();
        w.rawVarint(value);
        return w.toByteArray();
    }

    /**
     * Encodes a field key on its own.
     *
     * @param field the field number
     * @param wireType 0 varint, 2 length-delimited, 5 fixed32
     * @return the key bytes
     */
    public static byte[] tagBytes(int field, int wireType) {
        return varintBytes(((long) field << 3) | wireType);
    }
}
