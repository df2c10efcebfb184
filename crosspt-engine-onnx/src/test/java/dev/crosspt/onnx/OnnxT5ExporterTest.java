package dev.crosspt.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorStore;
import dev.crosspt.onnx.proto.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxT5ExporterTest {

    @Test
    void writesAModelProtoThatOrtLoads(@TempDir Path out) throws Exception {
        Path model = Fixtures.dir("t5-tiny-relu");
        Path onnx = OnnxT5Exporter.export(model, out);
        assertEquals(out.resolve("t5.onnx"), onnx);
        byte[] head = Arrays.copyOf(Files.readAllBytes(onnx), 2);
        // field 1 (ir_version), varint, value 8
        assertArrayEquals(new byte[] {0x08, (byte) ModelProto.IR_VERSION}, head);
        try (OnnxT5Session session = new OnnxT5Session(T5Config.load(model.resolve("config.json")), onnx)) {
            assertEquals(Set.of("inputs_embeds", "attention_mask", "decoder_input_ids", "encoder_buckets",
                    "decoder_buckets", "decoder_causal_mask"), session.inputNames());
        }
    }

    @Test
    void missingTensorIsNamed(@TempDir Path dir) throws Exception {
        Path model = Fixtures.dir("t5-tiny-gated");
        String dropped = "decoder.block.1.layer.2.DenseReluDense.wi_1.weight";
        SafetensorsWriter writer = new SafetensorsWriter();
        try (TensorStore store = TensorStore.open(model)) {
            for (String name : store.names()) {
                if (!name.equals(dropped)) {
                    writer.putFloats(name, store.info(name).shape(), store.readFloats(name), DType.F32);
                }
            }
        }
        writer.write(dir.resolve("model.safetensors"));
        Files.copy(model.resolve("config.json"), dir.resolve("config.json"));
        Path out = Files.createDirectory(dir.resolve("out"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> OnnxT5Exporter.export(dir, out));
        assertTrue(e.getMessage().contains(dropped), e.getMessage());
        assertTrue(!Files.exists(out.resolve("t5.onnx")));
    }
}
