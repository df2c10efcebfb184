package dev.crosspt.onnx.proto;

import java.util.List;

/**
 * An ONNX {@code ValueInfoProto} for a graph input or output: a tensor type with named or fixed dimensions.
 *
 * @param name the value's name
 * @param elemType {@link TensorProto#FLOAT} or {@link TensorProto#INT64}
 * @param dims each dimension: a {@link Long} for a fixed size or a {@link String} for a symbolic one
 */
public record ValueInfoProto(String name, int elemType, List<Object> dims) {

    /**
     * Encodes the message: name = 1, type = 2 (TypeProto.tensor_type = 1 with elem_type = 1 and
     * shape = 2, whose dim = 1 holds dim_value = 1 or dim_param = 2).
     */
    public ProtoWriter encode() {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof Long size) {
                dim.varint(1, size);
            } else {
                dim.string(2, d.toString());
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        ProtoWriter type = new ProtoWriter().message(1, tensorType);
        return new ProtoWriter().string(1, name).message(2, type);
    }
}
