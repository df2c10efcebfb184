package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write must leave the previous file byte for byte, and no temporary files behind. */
class SafetensorsWriterAtomicityTest {

    @TempDir
    Path dir;

    private Path good() {
        Path file = dir.resolve("prompt.safetensors");
        new SafetensorsWriter().putFloats("p", new long[] {2}, new float[] {1, 2}, DType.F32).write(file);
        return file;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void failureAfterTheDataIsWrittenKeepsTheOldFile() throws IOException {
        Path file = good();
        byte[] before = Files.readAllBytes(file);
        SafetensorsWriter w = new SafetensorsWriter()
                .putFloats("p", new long[] {3}, new float[] {7, 8, 9}, DType.F32);
        assertThrows(IllegalStateException.class, () -> w.write(file, () -> {
            throw new IllegalStateException("simulated crash before the rename");
        }));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), files(), "temporary file removed");
        w.write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {7, 8, 9}, f.readFloats("p"), "a successful write replaces the file");
        }
        assertEquals(List.of(file), files());
    }

    @Test
    void invalidTensorNeverReachesTheFile() throws IOException {
        Path file = good();
        byte[] before = Files.readAllBytes(file);
        SafetensorsWriter w = new SafetensorsWriter();
        assertThrows(IllegalArgumentException.class,
                () -> w.putFloats("p", new long[] {4}, new float[] {1}, DType.F32).write(file));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void replacingADirectoryFailsCleanly() throws IOException {
        Path target = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(target.resolve("inside"), "x");
        CheckpointException e = assertThrows(CheckpointException.class, () -> new SafetensorsWriter().write(target));
        assertTrue(e.getMessage().startsWith(target + ": cannot write"), e.getMessage());
        assertEquals(List.of(target), files(), "temporary file removed");
    }

    @Test
    void readOnlyDirectoryKeepsTheOldFile() throws IOException {
        Path file = good();
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // Root ignores permissions, so the failure cannot be provoked there.
            assumeFalse(Files.isWritable(dir), "directory permissions are not enforced for this user");
            SafetensorsWriter w = new SafetensorsWriter().putFloats("p", new long[] {1}, new float[] {5}, DType.F32);
            CheckpointException e = assertThrows(CheckpointException.class, () -> w.write(file));
            assertTrue(e.getMessage().startsWith(file + ": cannot write"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
