package dev.crosspt.onnx.proto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * An ONNX {@code ModelProto} with its {@code GraphProto}: ir_version 8, the default domain at opset 17.
 * Everything (weights included) lives in one file, so a model must stay under protobuf's 2 GiB limit.
 *
 * @param graphName the graph's name
 * @param nodes the nodes in topological order
 * @param initializers constant tensors (weights)
 * @param inputs the graph inputs
 * @param outputs the graph outputs
 */
public record ModelProto(String graphName, List<NodeProto> nodes, List<TensorProto> initializers,
        List<ValueInfoProto> inputs, List<ValueInfoProto> outputs) {

    /** The IR version written (ONNX 1.13+ readers, ORT 1.14+). */
    public static final long IR_VERSION = 8;
    /** The opset of the default domain. */
    public static final long OPSET = 17;

    /** Protobuf's limit on one message, which an ONNX file without external data is. */
    public static final long MAX_BYTES = Integer.MAX_VALUE;

    /** The bytes the initializers (weights) take, which is nearly all of the file. */
    public long initializerBytes() {
        return initializers.stream().mapToLong(t -> t.rawData().length).sum();
    }

    /** Encodes the graph: node = 1, name = 2, initializer = 5, input = 11, output = 12. */
    public byte[] encodeGraph() {
        ProtoWriter g = new ProtoWriter();
        nodes.forEach(n -> g.message(1, n.encode()));
        g.string(2, graphName);
        initializers.forEach(t -> g.message(5, t.encode()));
        inputs.forEach(v -> g.message(11, v.encode()));
        outputs.forEach(v -> g.message(12, v.encode()));
        return g.toByteArray();
    }

    /**
     * Writes the model: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8 (domain "" = 1,
     * version = 2). The file is written beside its target and moved into place.
     *
     * @param file the {@code .onnx} file
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        byte[] graph = encodeGraph();
        ProtoWriter head = new ProtoWriter().varint(1, IR_VERSION).string(2, "crosspt");
        ProtoWriter opset = new ProtoWriter().string(1, "").varint(2, OPSET);
        byte[] tail = new ProtoWriter().message(8, opset).toByteArray();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(head.toByteArray());
            out.write(ProtoWriter.tagBytes(7, 2));
            out.write(ProtoWriter.varintBytes(graph.length));
            out.write(graph);
            out.write(tail);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
