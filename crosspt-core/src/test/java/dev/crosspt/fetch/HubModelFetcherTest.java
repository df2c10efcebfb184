package dev.crosspt.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.testkit.LoopbackServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HubModelFetcherTest {

    @TempDir
    Path tmp;

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A sharded T5 repo with files crosspt must skip. */
    private static Map<String, byte[]> shardedRepo() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(".gitattributes", text("*.safetensors filter=lfs\n"));
        files.put("README.md", text("# tiny\n"));
        files.put("config.json", text("{\"model_type\": \"t5\", \"d_model\": 8}"));
        files.put("generation_config.json", text("{\"decoder_start_token_id\": 0}"));
        files.put("tokenizer.json", text("{\"version\": \"1.0\"}"));
        files.put("tokenizer_config.json", text("{}"));
        files.put("special_tokens_map.json", text("{}"));
        files.put("spiece.model", TestBytes.random(3000, 7));
        files.put("model.safetensors.index.json", text("{\"metadata\": {}, \"weight_map\": {"
                + "\"shared.weight\": \"model-00001-of-00002.safetensors\","
                + "\"encoder.final_layer_norm.weight\": \"model-00001-of-00002.safetensors\","
                + "\"lm_head.weight\": \"model-00002-of-00002.safetensors\"}}"));
        files.put("model-00001-of-00002.safetensors", TestBytes.random(50_000, 8));
        files.put("model-00002-of-00002.safetensors", TestBytes.random(30_000, 9));
        files.put("pytorch_model.bin", TestBytes.random(1000, 10));
        files.put("flax_model.msgpack", TestBytes.random(1000, 11));
        return files;
    }

    private static final Set<String> LFS = Set.of("spiece.model", "model-00001-of-00002.safetensors",
            "model-00002-of-00002.safetensors", "pytorch_model.bin", "flax_model.msgpack", "model.safetensors");

    private HubModelFetcher fetcher(FakeHub hub, Path hubDir, boolean symlinks) {
        Downloader downloader = new Downloader(TestBytes.fastSettings().withBearerToken("hf_test"));
        return new HubModelFetcher(downloader, hub.endpoint(), hubDir, symlinks);
    }

    @Test
    void fetchesIntoTheHuggingFaceCacheLayout() throws Exception {
        Map<String, byte[]> files = shardedRepo();
        Path hubDir = tmp.resolve("hub");
        try (FakeHub hub = new FakeHub("org/tiny", files, LFS)) {
            FetchedModel model = fetcher(hub, hubDir, true).fetch("org/tiny", "main", name -> DownloadProgress.none());

            Path repo = hubDir.resolve("models--org--tiny");
            Path snapshot = repo.resolve("snapshots").resolve(FakeHub.COMMIT);
            assertEquals(snapshot, model.snapshotDir());
            assertEquals(FakeHub.COMMIT, model.commit());
            assertEquals(FakeHub.COMMIT, Files.readString(repo.resolve("refs/main")));
            List<String> wanted = List.of("config.json", "generation_config.json", "tokenizer.json",
                    "tokenizer_config.json", "spiece.model", "special_tokens_map.json",
                    "model.safetensors.index.json", "model-00001-of-00002.safetensors",
                    "model-00002-of-00002.safetensors");
            assertEquals(Set.copyOf(wanted), Set.copyOf(model.files()));
            assertTrue(model.warnings().isEmpty(), model.warnings().toString());
            for (String name : wanted) {
                Path pointer = snapshot.resolve(name);
                assertTrue(Files.isSymbolicLink(pointer), name);
                assertEquals(Path.of("../../blobs/" + hub.blobName(name)), Files.readSymbolicLink(pointer));
                assertArrayEquals(files.get(name), Files.readAllBytes(pointer), name);
            }
            try (Stream<Path> blobs = Files.list(repo.resolve("blobs"))) {
                assertEquals(wanted.stream().map(hub::blobName).collect(Collectors.toSet()),
                        blobs.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
            }
            assertEquals(snapshot, HfCache.resolveModel("org/tiny", Map.of("HF_HUB_CACHE", hubDir.toString())));

            LoopbackServer.Request api = hub.hub.requests().get(0);
            assertEquals("/api/models/org/tiny/revision/main", api.path());
            assertEquals("blobs=true", api.query());
            assertTrue(hub.hub.requests().stream().allMatch(r -> "Bearer hf_test".equals(r.header("Authorization"))));
            assertFalse(hub.cdn.requests().isEmpty());
            assertTrue(hub.cdn.requests().stream().allMatch(r -> r.header("Authorization") == null));
            assertTrue(hub.hub.requests().stream().noneMatch(r -> r.path().endsWith("pytorch_model.bin")
                    || r.path().endsWith("README.md") || r.path().endsWith("flax_model.msgpack")));
            // Files with the same content share one blob, downloaded once (two of these files are "{}").
            Map<String, Integer> blobSizes = new LinkedHashMap<>();
            wanted.forEach(name -> blobSizes.put(hub.blobName(name), files.get(name).length));
            assertEquals(wanted.size() - 1, blobSizes.size());
            assertEquals(blobSizes.values().stream().mapToLong(Integer::longValue).sum(), model.bytesDownloaded());
        }
    }

    @Test
    void aSecondFetchDownloadsNothing() throws Exception {
        Path hubDir = tmp.resolve("hub");
        try (FakeHub hub = new FakeHub("org/tiny", shardedRepo(), LFS)) {
            HubModelFetcher fetcher = fetcher(hub, hubDir, true);
            fetcher.fetch("org/tiny", "main", name -> DownloadProgress.none());
            int hubRequests = hub.hub.requests().size();
            int cdnRequests = hub.cdn.requests().size();
            FetchedModel again = fetcher.fetch("org/tiny", "main", name -> DownloadProgress.none());
            assertEquals(0, again.bytesDownloaded());
            assertEquals(hubRequests + 1, hub.hub.requests().size()); // only the API question
            assertEquals(cdnRequests, hub.cdn.requests().size());
        }
    }

    @Test
    void copiesWhereLinksAreNotPossible() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", text("{\"model_type\": \"t5\"}"));
        files.put("model.safetensors", TestBytes.random(10_000, 3));
        Path hubDir = tmp.resolve("hub");
        try (FakeHub hub = new FakeHub("org/single", files, LFS)) {
            FetchedModel model = fetcher(hub, hubDir, false).fetch("org/single", "main", n -> DownloadProgress.none());
            Path weights = model.snapshotDir().resolve("model.safetensors");
            assertTrue(Files.isRegularFile(weights));
            assertFalse(Files.isSymbolicLink(weights));
            assertArrayEquals(files.get("model.safetensors"), Files.readAllBytes(weights));
            assertEquals(List.of("config.json", "model.safetensors"), model.files());
            assertEquals(1, model.warnings().size());
            assertTrue(model.warnings().get(0).contains("no tokenizer.json"), model.warnings().get(0));
            assertEquals(model.snapshotDir(), HfCache.resolveModel("org/single", Map.of("HF_HUB_CACHE",
                    hubDir.toString())));
        }
    }

    @Test
    void aRepoWithOnlyPytorchWeightsIsRefusedBeforeDownloadingAnything() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", text("{}"));
        files.put("tokenizer.json", text("{}"));
        files.put("pytorch_model.bin", TestBytes.random(1000, 4));
        Path hubDir = tmp.resolve("hub");
        try (FakeHub hub = new FakeHub("org/old", files, LFS)) {
            FetchException e = assertThrows(FetchException.class,
                    () -> fetcher(hub, hubDir, true).fetch("org/old", "main", n -> DownloadProgress.none()));
            assertTrue(e.getMessage().contains("only PyTorch weights (pytorch_model.bin)"), e.getMessage());
            assertTrue(e.getMessage().contains("safe_serialization=True"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was downloaded"), e.getMessage());
            assertEquals(1, hub.hub.requests().size());
            assertFalse(Files.exists(hubDir.resolve("models--org--old")));
        }
    }

    @Test
    void aMissingModelSaysHowToFixIt() throws Exception {
        Path hubDir = tmp.resolve("hub");
        try (FakeHub hub = new FakeHub("org/tiny", shardedRepo(), LFS)) {
            FetchException e = assertThrows(FetchException.class,
                    () -> fetcher(hub, hubDir, true).fetch("org/absent", "main", n -> DownloadProgress.none()));
            assertEquals(404, e.httpStatus());
            assertTrue(e.getMessage().contains("'org/absent'"), e.getMessage());
            assertTrue(e.getMessage().contains("not found"), e.getMessage());
            assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
        }
    }

    @Test
    void aChecksumMismatchLeavesNoSnapshotAndNoRef() throws Exception {
        Path hubDir = tmp.resolve("hub");
        try (FakeHub hub = new FakeHub("org/tiny", shardedRepo(), LFS).withWrongSha256(
                "model-00002-of-00002.safetensors")) {
            FetchException e = assertThrows(FetchException.class,
                    () -> fetcher(hub, hubDir, true).fetch("org/tiny", "main", n -> DownloadProgress.none()));
            assertTrue(e.getMessage().contains("model-00002-of-00002.safetensors"), e.getMessage());
            assertTrue(e.getMessage().contains("sha256: expected " + "f".repeat(64)), e.getMessage());
            Path repo = hubDir.resolve("models--org--tiny");
            assertFalse(Files.exists(repo.resolve("snapshots")));
            assertFalse(Files.exists(repo.resolve("refs/main")));
            assertThrows(InvalidInputException.class, () -> HfCache.resolveModel("org/tiny",
                    Map.of("HF_HUB_CACHE", hubDir.toString())));
        }
    }

    @Test
    void malformedNamesAreRejectedBeforeAnyRequest() throws Exception {
        try (FakeHub hub = new FakeHub("org/tiny", shardedRepo(), LFS)) {
            HubModelFetcher fetcher = fetcher(hub, tmp, true);
            assertThrows(InvalidInputException.class, () -> fetcher.fetch("no-slash", "main", n -> null));
            assertThrows(InvalidInputException.class, () -> fetcher.fetch("../etc/passwd", "main", n -> null));
            assertThrows(InvalidInputException.class, () -> fetcher.fetch("org/tiny", "../x", n -> null));
            assertTrue(hub.hub.requests().isEmpty());
        }
    }

    @Test
    void theEnvironmentChoosesEndpointTokenAndCache() {
        HubModelFetcher f = HubModelFetcher.fromEnvironment(Map.of("HF_HUB_CACHE", tmp.toString(),
                "HF_TOKEN", "hf_x", "HF_ENDPOINT", "http://127.0.0.1:1/"));
        assertEquals(tmp, f.hubDir());
        assertThrows(InvalidInputException.class, () -> HubModelFetcher.fromEnvironment(Map.of("HF_ENDPOINT",
                "not a url")));
    }
}
