package dev.crosspt.onnx.proto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an ONNX graph op by op: each method adds one node and returns the name of its output, so graph code
 * reads like array code. Scalar and shape constants become initializers, shared when repeated.
 */
public final class GraphBuilder {

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final Map<String, String> constants = new HashMap<>();
    private int counter;

    /** Declares a graph input. */
    public String input(String name, int elemType, Object... dims) {
        inputs.add(new ValueInfoProto(name, elemType, Arrays.asList(dims)));
        return name;
    }

    /** Declares a graph output, renaming {@code value} to {@code name} through an Identity node. */
    public void output(String value, String name, int elemType, Object... dims) {
        node("Identity", List.of(value), List.of(name), List.of());
        outputs.add(new ValueInfoProto(name, elemType, Arrays.asList(dims)));
    }

    /** Adds a weight or other constant tensor. */
    public String initializer(TensorProto tensor) {
        initializers.add(tensor);
        return tensor.name();
    }

    /** A float32 scalar constant. */
    public String scalar(float value) {
        return constants.computeIfAbsent("f" + Float.floatToRawIntBits(value),
                k -> initializer(TensorProto.floats("const_" + k, new long[0], new float[] {value})));
    }

    /** An int64 scalar constant. */
    public String longScalar(long value) {
        return constants.computeIfAbsent("l" + value,
                k -> initializer(TensorProto.longs("const_" + k.replace('-', 'm'), new long[0], new long[] {value})));
    }

    /** A 1-D int64 constant (shapes, axes). */
    public String longs(long... values) {
        return constants.computeIfAbsent("i" + Arrays.toString(values),
                k -> initializer(TensorProto.longs("const_i" + constants.size(), new long[] {values.length}, values)));
    }

    /** Adds a node with one output and returns that output's name. */
    public String op(String opType, List<AttributeProto> attributes, String... in) {
        String out = opType.toLowerCase() + "_" + counter;
        node(opType, List.of(in), List.of(out), attributes);
        return out;
    }

    /** Adds a node without attributes. */
    public String op(String opType, String... in) {
        return op(opType, List.of(), in);
    }

    private void node(String opType, List<String> in, List<String> out, List<AttributeProto> attributes) {
        nodes.add(new NodeProto(opType, opType + "_" + counter++, in, out, attributes));
    }

    /** Elementwise / matrix helpers. */
    public String matMul(String a, String b) {
        return op("MatMul", a, b);
    }

    /** {@code a + b} with broadcasting. */
    public String add(String a, String b) {
        return op("Add", a, b);
    }

    /** {@code a * b} with broadcasting. */
    public String mul(String a, String b) {
        return op("Mul", a, b);
    }

    /** {@code a / b} with broadcasting. */
    public String div(String a, String b) {
        return op("Div", a, b);
    }

    /** {@code a - b} with broadcasting. */
    public String sub(String a, String b) {
        return op("Sub", a, b);
    }

    /** Transposes with the given permutation. */
    public String transpose(String x, long... perm) {
        return op("Transpose", List.of(AttributeProto.ofInts("perm", perm)), x);
    }

    /** Reshapes; 0 keeps the input's dimension, -1 infers one; no dimensions make a scalar of a one-element tensor. */
    public String reshape(String x, long... shape) {
        return op("Reshape", x, longs(shape));
    }

    /** Mean over the last axis, kept (opset 17: axes is an attribute). */
    public String reduceMeanLast(String x) {
        return op("ReduceMean", List.of(AttributeProto.ofInts("axes", -1), AttributeProto.ofInt("keepdims", 1)), x);
    }

    /** Softmax over the last axis. */
    public String softmaxLast(String x) {
        return op("Softmax", List.of(AttributeProto.ofInt("axis", -1)), x);
    }

    /** Rows of {@code table} picked by int64 {@code indices} along axis 0. */
    public String gather(String table, String indices) {
        return op("Gather", List.of(AttributeProto.ofInt("axis", 0)), table, indices);
    }

    /** Casts to a TensorProto data type. */
    public String cast(String x, int to) {
        return op("Cast", List.of(AttributeProto.ofInt("to", to)), x);
    }

    /** The finished model. */
    public ModelProto build(String name) {
        return new ModelProto(name, List.copyOf(nodes), List.copyOf(initializers), List.copyOf(inputs),
                List.copyOf(outputs));
    }
}
