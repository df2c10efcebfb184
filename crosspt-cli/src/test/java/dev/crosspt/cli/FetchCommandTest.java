package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.crosspt.cli.CliTestSupport.Run;
import dev.crosspt.testkit.LoopbackServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./crosspt fetch}: against a fake Hugging Face hub and a fake GLUE mirror, both served by this test on
 * the loopback interface (nothing else is ever contacted).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FetchCommandTest {

    private static final Path MODEL = CliTestSupport.fixture("t5-tiny-relu");
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String REPO = "org/tiny";

    /** The files of the fixture that a hub repo of it would hold; the weights are in LFS. */
    private static final List<String> REPO_FILES = List.of("config.json", "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", "model.safetensors");

    /** Listed by the hub but not for a T5 on safetensors: must not be downloaded. */
    private static final List<String> UNWANTED = List.of("pytorch_model.bin", "README.md");

    /** RTE.zip as the official GLUE manifest pins it. */
    private static final long RTE_ZIP_SIZE = 697_150;
    private static final String RTE_ZIP_SHA256 = "6bf86de103ecd335f3441bd43574d23fef87ecc695977a63b82d5efb206556ee";

    // ---- fetch model ----

    @Test
    void fetchedModelIsInTheCacheAndPassesVerifyBackbone(@TempDir Path cache) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : REPO_FILES) {
            files.put(name, Files.readAllBytes(MODEL.resolve(name)));
        }
        try (LoopbackServer hub = fakeHub(files)) {
            Run run = CliTestSupport.run("fetch", "model", REPO, "--endpoint", hub.uri("").toString(),
                    "--cache", cache.toString());
            assertEquals(0, run.exitCode(), run::describe);
            assertTrue(run.out().contains(REPO + " @ " + COMMIT + ": " + REPO_FILES.size() + " files"), run::describe);

            Path repoDir = cache.resolve("models--org--tiny");
            Path snapshot = repoDir.resolve("snapshots").resolve(COMMIT);
            assertTrue(run.out().contains(snapshot.toString()), run::describe);
            for (String name : REPO_FILES) {
                assertArrayEquals(files.get(name), Files.readAllBytes(snapshot.resolve(name)), name);
            }
            assertEquals(COMMIT, Files.readString(repoDir.resolve("refs").resolve("main")).trim());
            assertTrue(Files.isRegularFile(repoDir.resolve("blobs").resolve(sha256(files.get("model.safetensors")))));
            for (String name : UNWANTED) {
                assertEquals(0, hub.count("/" + REPO + "/resolve/" + COMMIT + "/" + name), hub.paths()::toString);
                assertFalse(Files.exists(snapshot.resolve(name)), name);
            }
            assertEquals(1, hub.count("/cdn/" + sha256(files.get("model.safetensors"))), hub.paths()::toString);

            // the fetched checkpoint is usable: the backbone check passes on the snapshot folder
            Run verify = CliTestSupport.run("verify-backbone", "--model", snapshot.toString(), "--reference",
                    MODEL.resolve("expected.safetensors").toString());
            assertEquals(0, verify.exitCode(), verify::describe);
            assertTrue(verify.out().contains("PASS"), verify::describe);

            // fetching again asks the hub what the revision is, but downloads no cached blob again
            Run again = CliTestSupport.run("fetch", "model", REPO, "--endpoint", hub.uri("").toString(),
                    "--cache", cache.toString());
            assertEquals(0, again.exitCode(), again::describe);
            assertEquals(1, hub.count("/cdn/" + sha256(files.get("model.safetensors"))), hub.paths()::toString);
            assertEquals(1, hub.count("/" + REPO + "/resolve/" + COMMIT + "/config.json"), hub.paths()::toString);
            assertEquals(2, hub.count("/api/models/" + REPO + "/revision/main"), hub.paths()::toString);
        }
    }

    @Test
    void unknownModelIsBadInputOnOneLine(@TempDir Path cache) throws IOException {
        try (LoopbackServer hub = fakeHub(Map.of("config.json", "{}".getBytes(StandardCharsets.UTF_8)))) {
            String endpoint = hub.uri("").toString();
            Run run = CliTestSupport.run("fetch", "model", "org/missing", "--endpoint", endpoint, "--cache",
                    cache.toString());
            String line = oneErrorLine(run);
            assertTrue(line.contains("'org/missing'"), run::describe);
            assertTrue(line.contains(endpoint), run::describe);
            assertTrue(line.contains("HTTP 404"), run::describe);
            assertEquals(List.of("/api/models/org/missing/revision/main"), hub.paths(), "no retries of a 404");
            assertFalse(Files.exists(cache.resolve("models--org--missing")), "nothing cached");
        }
    }

    /**
     * A hub with one repo, {@value #REPO}, at commit {@value #COMMIT}: the model API (which must be asked with
     * {@code ?blobs=true}, or it answers 400), plain files from {@code resolve/}, and LFS files redirected to
     * {@code /cdn/<sha256>} as the real hub redirects them to its CDN.
     */
    private static LoopbackServer fakeHub(Map<String, byte[]> files) throws IOException {
        // any other path is a repo the hub does not have, answered as the real hub answers it
        LoopbackServer hub = new LoopbackServer(
                (ex, n) -> LoopbackServer.sendStatus(ex, 404, "{\"error\":\"Repository not found\"}"));
        JsonArray siblings = new JsonArray();
        Map<String, byte[]> listed = new LinkedHashMap<>(files);
        for (String name : UNWANTED) {
            listed.put(name, ("not a T5 file: " + name).getBytes(StandardCharsets.UTF_8));
        }
        listed.forEach((name, data) -> {
            JsonObject s = new JsonObject();
            s.addProperty("rfilename", name);
            s.addProperty("size", data.length);
            if (isLfs(name)) {
                String sha = sha256(data);
                JsonObject lfs = new JsonObject();
                lfs.addProperty("sha256", sha);
                lfs.addProperty("size", data.length);
                lfs.addProperty("pointerSize", 134);
                s.add("lfs", lfs);
                s.addProperty("blobId", gitBlobSha1(("pointer " + name).getBytes(StandardCharsets.UTF_8)));
                URI cdn = hub.uri("/cdn/" + sha);
                hub.route("/" + REPO + "/resolve/" + COMMIT + "/" + name, (ex, n) -> LoopbackServer.redirect(ex, cdn));
                hub.bytes("/cdn/" + sha, data);
            } else {
                s.addProperty("blobId", gitBlobSha1(data));
                hub.bytes("/" + REPO + "/resolve/" + COMMIT + "/" + name, data);
            }
            siblings.add(s);
        });
        JsonObject api = new JsonObject();
        api.addProperty("id", REPO);
        api.addProperty("sha", COMMIT);
        api.add("siblings", siblings);
        String json = api.toString();
        hub.route("/api/models/" + REPO + "/revision/main", (ex, n) -> {
            if ("blobs=true".equals(ex.getRequestURI().getRawQuery())) {
                LoopbackServer.sendJson(ex, json);
            } else {
                LoopbackServer.sendStatus(ex, 400, "this fake hub needs ?blobs=true");
            }
        });
        return hub;
    }

    private static boolean isLfs(String name) {
        return name.endsWith(".safetensors") || name.endsWith(".bin");
    }

    // ---- fetch glue ----

    /**
     * The official manifest pins RTE.zip's size and SHA-256 and {@code --mirror} keeps them, so a mirror can
     * only serve the official bytes; a test archive of the right size is refused by its checksum, naming both.
     */
    @Test
    void mirrorServingOtherBytesIsRefusedNamingBothChecksums(@TempDir Path tmp) throws IOException {
        byte[] zip = rteZip(RTE_ZIP_SIZE);
        assertEquals(RTE_ZIP_SIZE, zip.length);
        String actual = sha256(zip);
        Path dir = tmp.resolve("glue");
        try (LoopbackServer mirror = new LoopbackServer().bytes("/glue/data/RTE.zip", zip)) {
            Run run = CliTestSupport.run("fetch", "glue", "rte", "--mirror", mirror.uri("/").toString(),
                    "--dir", dir.toString());
            String line = oneErrorLine(run);
            assertTrue(line.contains("GLUE RTE"), run::describe);
            assertTrue(line.contains(mirror.uri("/glue/data/RTE.zip").toString()), run::describe);
            assertTrue(line.contains("sha256: expected " + RTE_ZIP_SHA256 + ", got " + actual), run::describe);
            assertEquals(List.of("/glue/data/RTE.zip"), mirror.paths());
        }
        assertFalse(Files.exists(dir.resolve("RTE")), "no task folder from a file that did not verify");
        assertEquals(List.of(), leftovers(dir.resolve(".downloads")), "the bad download is deleted");
    }

    @Test
    void mirrorServingAnotherSizeIsRefusedBeforeTheBody(@TempDir Path tmp) throws IOException {
        byte[] zip = rteZip(-1);
        Path dir = tmp.resolve("glue");
        try (LoopbackServer mirror = new LoopbackServer().bytes("/glue/data/RTE.zip", zip)) {
            Run run = CliTestSupport.run("fetch", "glue", "RTE", "--mirror", mirror.uri("/").toString(),
                    "--dir", dir.toString());
            String line = oneErrorLine(run);
            assertTrue(line.contains("announces " + zip.length + " bytes, expected " + RTE_ZIP_SIZE), run::describe);
            assertEquals(List.of("/glue/data/RTE.zip"), mirror.paths(), "not retried");
        }
        assertFalse(Files.exists(dir.resolve("RTE")));
    }

    @Test
    void unknownGlueTaskListsTheKnownOnes(@TempDir Path tmp) {
        Run run = CliTestSupport.run("fetch", "glue", "nosuchtask", "--dir", tmp.resolve("glue").toString());
        String line = oneErrorLine(run);
        assertTrue(line.contains("'nosuchtask'"), run::describe);
        for (String known : List.of("CoLA", "SST-2", "MRPC", "QQP", "STS-B", "MNLI", "QNLI", "RTE", "WNLI")) {
            assertTrue(line.contains(known), () -> known + "\n" + run.describe());
        }
        assertFalse(Files.exists(tmp.resolve("glue")), "nothing created for an unknown task");
    }

    // ---- helpers ----

    private static String oneErrorLine(Run run) {
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run::describe);
        assertTrue(lines.get(0).startsWith("crosspt: "), run::describe);
        return lines.get(0);
    }

    /**
     * testdata/glue-mini/RTE zipped as {@code RTE/...}, as GLUE's archive holds it; with {@code size} at least 0,
     * padded by a stored entry to exactly that many bytes.
     */
    private static byte[] rteZip(long size) throws IOException {
        byte[] plain = zip(0);
        if (size < 0) {
            return plain;
        }
        byte[] padded = zip((int) (size - plain.length));
        assertEquals(size, padded.length, "padding");
        return padded;
    }

    private static byte[] zip(int padding) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path rte = CliTestSupport.testdata().resolve("glue-mini").resolve("RTE");
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(rte)) {
            for (Path f : files.sorted().toList()) {
                ZipEntry e = new ZipEntry("RTE/" + f.getFileName());
                e.setTime(1_500_000_000_000L);
                zip.putNextEntry(e);
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
            byte[] pad = new byte[padding];
            CRC32 crc = new CRC32();
            crc.update(pad);
            ZipEntry e = new ZipEntry("RTE/padding.bin");
            e.setTime(1_500_000_000_000L);
            e.setMethod(ZipEntry.STORED);
            e.setSize(padding);
            e.setCompressedSize(padding);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(pad);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static List<String> leftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String sha256(byte[] data) {
        return digest("SHA-256", new byte[0], data);
    }

    /** The git object id of a blob, which the hub gives for files not in LFS. */
    private static String gitBlobSha1(byte[] data) {
        return digest("SHA-1", ("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII), data);
    }

    private static String digest(String algorithm, byte[] prefix, byte[] data) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            d.update(prefix);
            return HexFormat.of().formatHex(d.digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
