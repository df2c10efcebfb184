package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfCacheTest {

    @TempDir
    Path tmp;

    private static final String REV = "a9723ea7f1b39c1eae772870f3b547bf6ef7e6c1";

    /** A cached model as huggingface_hub lays it out; returns its repo folder. */
    private Path cached(Path hub, String repoId, String... revisions) throws IOException {
        Path repo = hub.resolve("models--" + repoId.replace("/", "--"));
        for (String rev : revisions) {
            Files.createDirectories(repo.resolve("snapshots").resolve(rev));
        }
        return repo;
    }

    @Test
    void hubDirFollowsTheEnvironment() {
        String home = System.getProperty("user.home");
        assertEquals(Path.of("/x/hub-cache"), HfCache.hubDir(Map.of("HF_HUB_CACHE", "/x/hub-cache",
                "HF_HOME", "/y")));
        assertEquals(Path.of("/y/hub"), HfCache.hubDir(Map.of("HF_HOME", "/y", "XDG_CACHE_HOME", "/z")));
        assertEquals(Path.of("/z/huggingface/hub"), HfCache.hubDir(Map.of("XDG_CACHE_HOME", "/z")));
        assertEquals(Path.of(home, ".cache", "huggingface", "hub"), HfCache.hubDir(Map.of()));
        assertEquals(Path.of(home, ".cache", "huggingface", "hub"), HfCache.hubDir(Map.of("HF_HUB_CACHE", " ")));
        assertEquals(Path.of(home, "hf", "hub"), HfCache.hubDir(Map.of("HF_HOME", "~/hf")));
    }

    @Test
    void refsMainPicksTheSnapshot() throws IOException {
        Path repo = cached(tmp, "google-t5/t5-base", REV, "0000000000000000000000000000000000000000");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), REV + "\n");
        Files.setLastModifiedTime(repo.resolve("snapshots").resolve(REV), FileTime.fromMillis(1000));
        assertEquals(Optional.of(repo.resolve("snapshots").resolve(REV)),
                HfCache.findSnapshot("google-t5/t5-base", tmp));
    }

    @Test
    void withoutRefsTheOnlyOrNewestSnapshot() throws IOException {
        Path repo = cached(tmp, "org/one", REV);
        assertEquals(Optional.of(repo.resolve("snapshots").resolve(REV)), HfCache.findSnapshot("org/one", tmp));

        Path two = cached(tmp, "org/two", "old", "new", "older");
        Files.setLastModifiedTime(two.resolve("snapshots/old"), FileTime.fromMillis(2_000_000));
        Files.setLastModifiedTime(two.resolve("snapshots/new"), FileTime.fromMillis(3_000_000));
        Files.setLastModifiedTime(two.resolve("snapshots/older"), FileTime.fromMillis(1_000_000));
        // A ref to a snapshot that is gone is ignored rather than trusted.
        Files.createDirectories(two.resolve("refs"));
        Files.writeString(two.resolve("refs/main"), "deadbeef");
        assertEquals(Optional.of(two.resolve("snapshots/new")), HfCache.findSnapshot("org/two", tmp));

        assertEquals(Optional.empty(), HfCache.findSnapshot("org/absent", tmp));
    }

    @Test
    void resolveModelUsesDirectoriesThenTheCache() throws IOException {
        Path local = Files.createDirectories(tmp.resolve("local-model"));
        assertEquals(local, HfCache.resolveModel(local.toString(), Map.of()));

        Path hub = tmp.resolve("hub");
        Path repo = cached(hub, "google-t5/t5-small", REV);
        assertEquals(repo.resolve("snapshots").resolve(REV),
                HfCache.resolveModel("google-t5/t5-small", Map.of("HF_HUB_CACHE", hub.toString())));
        assertEquals(repo.resolve("snapshots").resolve(REV),
                HfCache.resolveModel("google-t5/t5-small", Map.of("HF_HOME", tmp.toString())));
    }

    @Test
    void uncachedModelSaysWhereItLookedAndWhatToDo() {
        Path hub = tmp.resolve("hub");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> HfCache.resolveModel("google-t5/t5-base", Map.of("HF_HUB_CACHE", hub.toString())));
        String m = e.getMessage();
        assertTrue(m.contains(hub.resolve("models--google-t5--t5-base").toString()), m);
        assertTrue(m.contains("./crosspt fetch model google-t5/t5-base"), m);
        assertTrue(m.contains("needs internet"), m);
        assertTrue(m.contains("--model DIR"), m);
    }

    @Test
    void neitherDirectoryNorName() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> HfCache.resolveModel(tmp.resolve("no/such/dir").toString(), Map.of()));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
        assertTrue(e.getMessage().contains("--model DIR"), e.getMessage());
        assertThrows(CheckpointException.class, () -> HfCache.resolveModel("a/b/c", Map.of()));
    }
}
