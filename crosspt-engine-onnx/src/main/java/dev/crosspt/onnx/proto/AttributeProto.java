package dev.crosspt.onnx.proto;

/**
 * An ONNX {@code AttributeProto} of one of the three kinds the exporter uses: int, float or ints.
 *
 * @param name the attribute name, such as {@code perm}
 * @param type {@link #FLOAT}, {@link #INT} or {@link #INTS}
 * @param f the value of a float attribute
 * @param ints the value(s) of an int or ints attribute
 */
public record AttributeProto(String name, int type, float f, long[] ints) {

    /** {@code AttributeType.FLOAT}. */
    public static final int FLOAT = 1;
    /** {@code AttributeType.INT}. */
    public static final int INT = 2;
    /** {@code AttributeType.INTS}. */
    public static final int INTS = 7;

    /** An int attribute. */
    public static AttributeProto ofInt(String name, long value) {
        return new AttributeProto(name, INT, 0f, new long[] {value});
    }

    /** A float attribute. */
    public static AttributeProto ofFloat(String name, float value) {
        return new AttributeProto(name, FLOAT, value, new long[0]);
    }

    /** An ints attribute. */
    public static AttributeProto ofInts(String name, long... values) {
        return new AttributeProto(name, INTS, 0f, values);
    }

    /** Encodes the message: name = 1, f = 2, i = 3, ints = 8, type = 20. */
    public ProtoWriter encode() {
        ProtoWriter w = new ProtoWriter().string(1, name);
        switch (type) {
            case FLOAT -> w.float32(2, f);
            case INT -> w.varint(3, ints[0]);
            case INTS -> {
                for (long v : ints) {
                    w.varint(8, v);
                }
            }
            default -> throw new IllegalStateException("unsupported attribute type " + type);
        }
        return w.varint(20, type);
    }
}
