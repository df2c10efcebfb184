package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What train, run and demo do with a run directory that already holds a run. */
class RunDirectoryTest {

    @TempDir
    Path tmp;

    private final List<String> notices = new ArrayList<>();

    private Path earlierRun() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("runs").resolve("train"));
        Files.writeString(dir.resolve("results.csv"), "earlier");
        return dir;
    }

    @Test
    void anAbsentOrEmptyDirectoryIsWrittenInPlace() throws IOException {
        Path absent = tmp.resolve("new");
        try (RunDirectory dir = RunDirectory.claim(absent, "--out", true, false, false, notices::add)) {
            assertEquals(absent, dir.path());
        }
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        try (RunDirectory dir = RunDirectory.claim(empty, "--out", true, false, false, notices::add)) {
            assertEquals(empty, dir.path());
        }
        assertEquals(List.of(), notices);
    }

    @Test
    void aDirectoryTheUserNamedIsRefusedWithTheOptionsThatWouldAcceptIt() throws IOException {
        Path earlier = earlierRun();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RunDirectory.claim(earlier, "--out", true, false, false, notices::add));
        assertTrue(e.getMessage().contains("--out " + earlier) && e.getMessage().contains("--resume")
                && e.getMessage().contains("--overwrite") && e.getMessage().contains("train-2"), e.getMessage());
        assertEquals("earlier", Files.readString(earlier.resolve("results.csv")));
    }

    @Test
    void aDefaultDirectoryMovesAsideToTheFirstFreeName() throws IOException {
        Path earlier = earlierRun();
        Files.writeString(Files.createDirectories(earlier.resolveSibling("train-2")).resolve("x"), "taken");
        Files.createDirectories(earlier.resolveSibling("train-3")); // empty: free
        try (RunDirectory dir = RunDirectory.claim(earlier, "--out", false, false, false, notices::add)) {
            assertEquals(earlier.resolveSibling("train-3"), dir.path());
            assertEquals(dir.path(), dir.target());
        }
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).contains("train-3"), notices.toString());
    }

    @Test
    void overwriteSwapsTheNewRunInOnlyWhenCommitted() throws IOException {
        Path earlier = earlierRun();
        try (RunDirectory dir = RunDirectory.claim(earlier, "--out", true, false, true, notices::add)) {
            assertFalse(dir.path().equals(earlier));
            Files.writeString(Files.createDirectories(dir.path()).resolve("results.csv"), "half");
        } // not committed: the run failed
        assertEquals("earlier", Files.readString(earlier.resolve("results.csv")));
        assertEquals(List.of("train"), names(earlier.getParent()));

        try (RunDirectory dir = RunDirectory.claim(earlier, "--out", true, false, true, notices::add)) {
            Files.writeString(Files.createDirectories(dir.path()).resolve("results.csv"), "new");
            dir.commit();
            assertEquals(earlier, dir.target());
        }
        assertEquals("new", Files.readString(earlier.resolve("results.csv")));
        assertEquals(List.of("train"), names(earlier.getParent()), "nothing left beside the run");
    }

    @Test
    void resumeNeedsARunAndExcludesOverwrite() throws IOException {
        Path absent = tmp.resolve("none");
        InvalidInputException noRun = assertThrows(InvalidInputException.class,
                () -> RunDirectory.claim(absent, "--out", true, true, false, notices::add));
        assertTrue(noRun.getMessage().contains("no run to continue"), noRun.getMessage());
        Path earlier = earlierRun();
        assertThrows(InvalidInputException.class,
                () -> RunDirectory.claim(earlier, "--out", true, true, true, notices::add));
        try (RunDirectory dir = RunDirectory.claim(earlier, "--out", true, true, false, notices::add)) {
            assertEquals(earlier, dir.path());
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
