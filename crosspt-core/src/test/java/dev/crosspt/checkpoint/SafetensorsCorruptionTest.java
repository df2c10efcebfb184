package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every corrupt file fails at open with a message that names the file and the specific problem. */
class SafetensorsCorruptionTest {

    @TempDir
    Path dir;

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    private Path file(String header, int dataBytes) throws IOException {
        return RawSafetensors.write(dir.resolve("model.safetensors"), header, new byte[dataBytes]);
    }

    private static void assertFails(Path file, String... fragments) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(file).close());
        assertTrue(e.getMessage().startsWith(file.toString() + ":"), "names the file: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void truncatedBelowTheLengthField() throws IOException {
        Path f = Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5});
        assertFails(f, "5 bytes", "too short");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path f = RawSafetensors.write(dir.resolve("model.safetensors"), 1000, "{}".getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        assertFails(f, "header length 1000", "beyond the end of the file", "10 bytes");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        Path f = RawSafetensors.write(dir.resolve("model.safetensors"), 1L << 40, new byte[16], new byte[0]);
        assertFails(f, "header length 1099511627776", "absurd");
        Path g = RawSafetensors.write(dir.resolve("neg.safetensors"), -1, new byte[16], new byte[0]);
        assertFails(g, "absurd");
    }

    @Test
    void headerNotJson() throws IOException {
        assertFails(file("{\"a\": {", 0), "header is not valid JSON");
        assertFails(file("{\"a\": 1} trailing", 0), "header is not valid JSON");
        assertFails(file("{a: 1}", 0), "header is not valid JSON");
        assertFails(file("[1, 2]", 0), "header is a list, expected a JSON object");
    }

    @Test
    void unknownDtype() throws IOException {
        assertFails(file("{" + tensor("w", "F8_E4M3", "[2]", 0, 2) + "}", 2),
                "tensor 'w'", "unknown dtype 'F8_E4M3'", "expected one of F64, F32, F16, BF16");
    }

    @Test
    void badShape() throws IOException {
        assertFails(file("{" + tensor("w", "F32", "[2, -1]", 0, 8) + "}", 8),
                "tensor 'w' has shape [2,-1]", "non-negative integers");
        assertFails(file("{" + tensor("w", "F32", "\"2\"", 0, 8) + "}", 8), "tensor 'w' has shape");
        assertFails(file("{" + tensor("w", "F32", "[1.5]", 0, 8) + "}", 8), "tensor 'w' has shape");
    }

    @Test
    void badOffsets() throws IOException {
        assertFails(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "tensor 'w' has data_offsets null",
                "[begin, end]");
        assertFails(file("{" + tensor("w", "F32", "[1]", 8, 4) + "}", 8), "tensor 'w' has data_offsets [8,4]");
    }

    @Test
    void offsetsBeyondTheData() throws IOException {
        assertFails(file("{" + tensor("w", "F32", "[4]", 0, 16) + "}", 12),
                "tensor 'w'", "[0, 16]", "beyond the data section (12 bytes)");
    }

    @Test
    void overlappingOffsets() throws IOException {
        assertFails(file("{" + tensor("a", "F32", "[4]", 0, 16) + "," + tensor("b", "F32", "[4]", 8, 24) + "}", 24),
                "tensors 'a' [0, 16] and 'b' [8, 24]", "overlapping");
    }

    @Test
    void sizeDoesNotMatchShape() throws IOException {
        assertFails(file("{" + tensor("w", "F16", "[2, 3]", 0, 16) + "}", 16),
                "tensor 'w' has 16 bytes", "expected 12 for shape [2, 3] of F16");
    }

    @Test
    void metadataMustBeStrings() throws IOException {
        assertFails(file("{\"__metadata__\":{\"total\":3}}", 0), "__metadata__ entry 'total'", "expected a string");
    }

    @Test
    void missingFileAndDirectory() {
        assertFails(dir.resolve("absent.safetensors"), "no such file");
        assertFails(dir, "is a directory");
    }
}
