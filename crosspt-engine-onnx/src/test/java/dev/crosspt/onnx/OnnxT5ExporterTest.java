package dev.crosspt.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorStore;
import dev.crosspt.onnx.proto.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** A checkpoint whose decoder lacks a tensor: the encoder graph is written before the export fails. */
    private static Path brokenCheckpoint(Path dir, String dropped) throws Exception {
        Path model = Fixtures.dir("t5-tiny-gated");
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
        return dir;
    }

    @Test
    void missingTensorIsNamedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        String dropped = "decoder.block.1.layer.2.DenseReluDense.wi_1.weight";
        Path broken = brokenCheckpoint(Files.createDirectory(dir.resolve("broken")), dropped);
        Path out = Files.createDirectory(dir.resolve("out"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> OnnxT5Exporter.export(broken, out));
        assertTrue(e.getMessage().contains(dropped), e.getMessage());
        try (var left = Files.list(out)) {
            assertEquals(0, left.count(), "nothing written for a bad checkpoint");
        }
        try (var siblings = Files.list(dir)) {
            assertEquals(List.of("broken", "out"), siblings.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging directory left behind");
        }
    }

    /** A failed re-export leaves the earlier export exactly as it was, never half old and half new. */
    @Test
    void aFailedReexportLeavesTheEarlierExportWhole(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        OnnxT5Exporter.exportWithPrompt(Fixtures.dir("t5-tiny-gated"), new float[2 * 48], 2, Map.of("task", "rte"),
                out);
        Map<String, byte[]> before = contents(out);
        Path broken = brokenCheckpoint(Files.createDirectory(dir.resolve("broken")),
                "decoder.block.0.layer.0.SelfAttention.q.weight");
        assertThrows(CheckpointException.class, () -> OnnxT5Exporter.export(broken, out));
        Map<String, byte[]> after = contents(out);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    /** A re-export replaces the earlier export as a whole; a directory that is not an export is refused. */
    @Test
    void reexportReplacesTheWholeDirectoryAndOtherDirectoriesAreRefused(@TempDir Path dir) throws Exception {
        Path model = Fixtures.dir("t5-tiny-relu");
        Path out = dir.resolve("out");
        OnnxT5Exporter.exportWithPrompt(model, new float[3 * 64], 3, Map.of("task", "rte"), out);
        Files.writeString(out.resolve("stale.txt"), "from before");
        OnnxT5Exporter.export(model, out);
        assertTrue(!Files.exists(out.resolve("stale.txt")));
        assertTrue(Files.readString(out.resolve(OnnxT5Exporter.METADATA)).contains("\"prompt_length\": 0"));

        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OnnxT5Exporter.export(model, mine));
        assertTrue(e.getMessage().contains("not an earlier ONNX export"), e.getMessage());
        try (var left = Files.list(mine)) {
            assertEquals(List.of("notes.txt"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }
}
