package dev.crosspt.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
    void writesModelProtosThatOrtLoadsWithOnlyTokenLevelInputs(@TempDir Path out) throws Exception {
        Path model = Fixtures.dir("t5-tiny-relu");
        assertEquals(out, OnnxT5Exporter.export(model, out));
        for (String graph : new String[] {OnnxT5Exporter.ENCODER, OnnxT5Exporter.DECODER}) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(out.resolve(graph)), 2);
            // field 1 (ir_version), varint, value 8
            assertArrayEquals(new byte[] {0x08, (byte) ModelProto.IR_VERSION}, head, graph);
        }
        try (OnnxT5Session session = new OnnxT5Session(T5Config.load(model.resolve("config.json")), out)) {
            assertEquals(Set.of("inputs_embeds", "attention_mask"), session.encoderInputNames());
            assertEquals(Set.of("encoder_hidden", "encoder_attention_mask", "decoder_input_ids"),
                    session.decoderInputNames());
        }
        // the directory is self-contained: tokenizer and config beside the graphs, the ids a caller needs
        assertArrayEquals(Files.readAllBytes(model.resolve("tokenizer.json")),
                Files.readAllBytes(out.resolve("tokenizer.json")));
        assertTrue(Files.isRegularFile(out.resolve("config.json")));
        JsonObject metadata = JsonParser.parseString(Files.readString(out.resolve(OnnxT5Exporter.METADATA)))
                .getAsJsonObject();
        assertEquals(0, metadata.get("prompt_length").getAsInt());
        assertEquals(1, metadata.get("eos_token_id").getAsInt());
        assertEquals(0, metadata.get("decoder_start_token_id").getAsInt());
        assertEquals("inputs_embeds", metadata.getAsJsonArray("encoder_inputs").get(0).getAsString());
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
        try (var left = Files.list(out)) {
            assertEquals(0, left.count(), "nothing written for a bad checkpoint");
        }
    }
}
