package dev.crosspt.onnx.proto;

import java.util.List;

/**
 * An ONNX {@code NodeProto}: one operator application in the default domain.
 *
 * @param opType the operator, such as {@code MatMul}
 * @param name a unique node name
 * @param inputs input value names, in the operator's order
 * @param outputs output value names
 * @param attributes the operator's attributes
 */
public record NodeProto(String opType, String name, List<String> inputs, List<String> outputs,
        List<AttributeProto> attributes) {

    /** Encodes the message: input = 1, output = 2, name = 3, op_type = 4, attribute = 5. */
    public ProtoWriter encode() {
        ProtoWriter w = new ProtoWriter();
        inputs.forEach(i -> w.string(1, i));
        outputs.forEach(o -> w.string(2, o));
        w.string(3, name);
        w.string(4, opType);
        attributes.forEach(a -> w.message(5, a.encode()));
        return w;
    }
}
