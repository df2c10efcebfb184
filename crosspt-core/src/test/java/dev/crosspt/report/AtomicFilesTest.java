package dev.crosspt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the old file byte for byte and no temporary file behind. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void writesAndCreatesParentDirectories() throws IOException {
        Path file = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(file, "héllo\n");
        assertEquals("héllo\n", Files.readString(file));
        AtomicFiles.writeString(file, "second");
        assertEquals("second", Files.readString(file), "an existing file is replaced");
    }

    @Test
    void failingWriterKeepsTheOldFileAndNamesTheTarget() throws IOException {
        Path file = dir.resolve("results.csv");
        AtomicFiles.writeString(file, "good content");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(file, tmp -> {
            Files.writeString(tmp, "half-writ");
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("good content", Files.readString(file));
        assertEquals(List.of(file), files(), "temporary file removed");
    }

    @Test
    void uncheckedErrorsPassThroughAndStillCleanUp() throws IOException {
        Path file = dir.resolve("plot.png");
        AtomicFiles.writeString(file, "old");
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, tmp -> {
            Files.writeString(tmp, "partial");
            throw boom;
        }));
        assertSame(boom, e);
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void writerThatWritesNothingIsAnError() throws IOException {
        Path file = dir.resolve("x.txt");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(file, tmp -> { }));
        assertEquals(List.of(), files());
    }
}
