package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    private static final float[] VALUES = {1f, -2f, 0.5f, 65504f, 0.1f, -1e-8f, 3.14159f, 1e-5f};

    private Path writeAll() {
        Path file = dir.resolve("all.safetensors");
        new SafetensorsWriter()
                .metadata("format", "pt")
                .metadata("note", "<a&b>")
                .putFloats("w.f32", new long[] {2, 4}, VALUES, DType.F32)
                .putFloats("w.f16", new long[] {8}, VALUES, DType.F16)
                .putFloats("w.bf16", new long[] {4, 2}, VALUES, DType.BF16)
                .putLongs("ids", new long[] {3}, new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE})
                .putFloats("scalar", new long[0], new float[] {7.5f}, DType.F32)
                .putFloats("empty", new long[] {0, 4}, new float[0], DType.F16)
                .write(file);
        return file;
    }

    @Test
    void floatsAndLongsRoundTrip() {
        try (SafetensorsFile f = SafetensorsFile.open(writeAll())) {
            assertArrayEquals(VALUES, f.readFloats("w.f32"));
            float[] f16 = f.readFloats("w.f16");
            float[] bf16 = f.readFloats("w.bf16");
            for (int i = 0; i < VALUES.length; i++) {
                assertEquals(HalfFloats.f16ToF32(HalfFloats.f32ToF16(VALUES[i])), f16[i]);
                assertEquals(HalfFloats.bf16ToF32(HalfFloats.f32ToBf16(VALUES[i])), bf16[i]);
                assertEquals(VALUES[i], f16[i], Math.abs(VALUES[i]) * 1e-3 + 6e-8);
                assertEquals(VALUES[i], bf16[i], Math.abs(VALUES[i]) * 8e-3);
            }
            // Values representable in the narrow format come back exactly.
            assertEquals(65504f, f16[3]);
            assertEquals(-2f, bf16[1]);
            assertArrayEquals(new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}, f.readLongs("ids"));
            assertArrayEquals(new float[] {7.5f}, f.readFloats("scalar"));
            assertEquals(0, f.readFloats("empty").length);
        }
    }

    @Test
    void headerDescribesTensorsInInsertionOrder() {
        try (SafetensorsFile f = SafetensorsFile.open(writeAll())) {
            assertEquals(Map.of("format", "pt", "note", "<a&b>"), f.metadata());
            assertEquals(List.of("w.f32", "w.f16", "w.bf16", "ids", "scalar", "empty"),
                    List.copyOf(f.tensors().keySet()));
            TensorInfo bf = f.info("w.bf16");
            assertEquals(DType.BF16, bf.dtype());
            assertArrayEquals(new long[] {4, 2}, bf.shape());
            assertEquals("[4, 2]", bf.shapeString());
            assertEquals(8, bf.numel());
            assertEquals(32 + 16, bf.dataBegin(), "packed right after f32 (32 bytes) and f16 (16 bytes)");
            assertEquals(32 + 16 + 16, bf.dataEnd());
            assertEquals(1, f.info("scalar").numel());
            assertEquals("[]", f.info("scalar").shapeString());
            assertTrue(f.has("ids"));
            assertFalse(f.has("nope"));
        }
    }

    @Test
    void fileLayoutMatchesThePythonLibrary() throws IOException {
        byte[] bytes = Files.readAllBytes(writeAll());
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\",\"note\":\"<a&b>\"}"), header);
        String padding = header.substring(header.lastIndexOf('}') + 1);
        assertTrue(padding.length() < 8 && padding.chars().allMatch(c -> c == ' '), "padding is spaces");
        JsonObject json = JsonParser.parseString(header).getAsJsonObject();
        assertEquals("[0,32]", json.getAsJsonObject("w.f32").get("data_offsets").toString());
        assertEquals("[]", json.getAsJsonObject("scalar").get("shape").toString());
        long dataBytes = 32 + 16 + 16 + 24 + 4;
        assertEquals(8 + n + dataBytes, bytes.length, "data packed without gaps");
    }

    @Test
    void wrongKindOfReadNamesTheTensorAndWhatWasExpected() {
        Path file = writeAll();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> f.readFloats("ids"));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("'ids' has dtype I64, expected a floating tensor"), e.getMessage());
            e = assertThrows(CheckpointException.class, () -> f.readLongs("w.f16"));
            assertTrue(e.getMessage().contains("'w.f16' has dtype F16, expected an integer tensor"), e.getMessage());
        }
    }

    @Test
    void missingTensorListsClosestNames() {
        Path file = writeAll();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> f.info("w.f61"));
            assertTrue(e.getMessage().startsWith(file + ": no tensor 'w.f61'; closest: 'w.f16'"), e.getMessage());
            assertThrows(CheckpointException.class, () -> f.readFloats("w.f61"));
        }
    }

    @Test
    void readingAfterCloseFails() {
        SafetensorsFile f = SafetensorsFile.open(writeAll());
        f.close();
        assertThrows(IllegalStateException.class, () -> f.readFloats("w.f32"));
    }

    @Test
    void narrowIntegerAndWideFloatTypesAreWidenedOrNarrowed() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(-7).putInt(1 << 30); // i32 [0, 8)
        data.putShort((short) -300).putShort((short) 300); // i16 [8, 12)
        data.put((byte) -1).put((byte) 127); // i8 [12, 14)
        data.put((byte) 255).put((byte) 0); // u8 [14, 16)
        data.put((byte) 0).put((byte) 2); // bool [16, 18)
        data.position(24).putDouble(0.1).putDouble(-1e300); // f64 [24, 40)
        String header = "{\"i32\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"i16\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[8,12]},"
                + "\"i8\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[12,14]},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[14,16]},"
                + "\"b\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[16,18]},"
                + "\"f64\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[24,40]}}";
        Path file = RawSafetensors.write(dir.resolve("mixed.safetensors"), header, data.array());
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(new long[] {-7, 1 << 30}, f.readLongs("i32"));
            assertArrayEquals(new long[] {-300, 300}, f.readLongs("i16"));
            assertArrayEquals(new long[] {-1, 127}, f.readLongs("i8"));
            assertArrayEquals(new long[] {255, 0}, f.readLongs("u8"));
            assertArrayEquals(new long[] {0, 1}, f.readLongs("b"));
            assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, f.readFloats("f64"));
        }
    }

    @Test
    void writerRejectsBadTensors() {
        SafetensorsWriter w = new SafetensorsWriter().putFloats("a", new long[] {2}, new float[2], DType.F32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.putFloats("b", new long[] {2, 3}, new float[5], DType.F32));
        assertTrue(e.getMessage().contains("5 values given, expected 6 for shape [2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.putFloats("a", new long[] {1}, new float[1], DType.F32));
        assertThrows(IllegalArgumentException.class, () -> w.putFloats("c", new long[] {1}, new float[1], DType.I64));
        assertThrows(IllegalArgumentException.class, () -> w.putLongs("d", new long[] {-1}, new long[0]));
        assertThrows(IllegalArgumentException.class, () -> w.putLongs("__metadata__", new long[0], new long[1]));
    }

    @Test
    void dtypeCodes() {
        for (DType t : DType.values()) {
            assertEquals(t, DType.fromSafetensors(t.safetensorsCode()));
        }
        assertEquals(2, DType.BF16.byteSize());
        assertEquals(8, DType.I64.byteSize());
        assertTrue(DType.F16.isFloating());
        assertFalse(DType.BOOL.isFloating());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DType.fromSafetensors("f32"));
        assertTrue(e.getMessage().contains("'f32'") && e.getMessage().contains("F32, F16, BF16"), e.getMessage());
    }

    @Test
    void tensorInfoIsImmutableAndComparesShapesByContent() {
        long[] shape = {2, 3};
        TensorInfo a = new TensorInfo("t", DType.F32, shape, 0, 24);
        shape[0] = 99;
        a.shape()[1] = 99;
        assertEquals("[2, 3]", a.shapeString());
        assertEquals(a, new TensorInfo("t", DType.F32, new long[] {2, 3}, 0, 24));
        assertEquals(a.hashCode(), new TensorInfo("t", DType.F32, new long[] {2, 3}, 0, 24).hashCode());
        assertThrows(IllegalArgumentException.class, () -> new TensorInfo("t", DType.F32, new long[] {1}, 8, 4));
    }
}
