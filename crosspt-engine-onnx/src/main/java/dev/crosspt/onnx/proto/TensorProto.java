package dev.crosspt.onnx.proto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An ONNX {@code TensorProto} holding its values as little-endian {@code raw_data}: used for initializers
 * (weights, constants).
 *
 * @param name the tensor's name in the graph
 * @param dataType {@link #FLOAT} or {@link #INT64}
 * @param dims the shape; empty for a scalar
 * @param rawData the values, little-endian, row-major
 */
public record TensorProto(String name, int dataType, long[] dims, byte[] rawData) {

    /** {@code TensorProto.DataType.FLOAT}. */
    public static final int FLOAT = 1;
    /** {@code TensorProto.DataType.INT64}. */
    public static final int INT64 = 7;

    /** A float32 tensor. */
    public static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TensorProto(name, FLOAT, dims, b.array());
    }

    /** An int64 tensor. */
    public static TensorProto longs(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new TensorProto(name, INT64, dims, b.array());
    }

    /** Encodes the message: dims = 1, data_type = 2, name = 8, raw_data = 9. */
    public ProtoWriter encode() {
        ProtoWriter w = new ProtoWriter();
        for (long d : dims) {
            w.varint(1, d);
        }
        w.varint(2, dataType);
        w.string(8, name);
        w.bytes(9, rawData);
        return w;
    }
}
