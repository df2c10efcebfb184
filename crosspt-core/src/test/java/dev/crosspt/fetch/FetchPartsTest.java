package dev.crosspt.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The small pieces: names, checksums, settings and the hub's answer. */
class FetchPartsTest {

    private static final URI API = URI.create("http://127.0.0.1:1/api/models/org/x/revision/main");
    private static final String COMMIT = "a".repeat(40);

    @Test
    void urlPathsAreEncodedAsHuggingfaceHubQuotesThem() {
        assertEquals("refs%2Fpr%2F1", UrlPaths.encodeSegment("refs/pr/1"));
        assertEquals("main", UrlPaths.encodeSegment("main"));
        assertEquals("onnx/model%20v2.onnx", UrlPaths.encodePath("onnx/model v2.onnx"));
        assertEquals("caf%C3%A9", UrlPaths.encodeSegment("café"));
    }

    @Test
    void expectedContentNormalisesAndValidates() {
        assertEquals("ab".repeat(32), ExpectedContent.of(1, "AB".repeat(32)).sha256());
        assertThrows(IllegalArgumentException.class, () -> ExpectedContent.of(1, "xyz"));
        assertThrows(IllegalArgumentException.class, () -> ExpectedContent.of(-2, null));
        assertThrows(IllegalArgumentException.class, () -> new ExpectedContent(1, null, "12"));
    }

    @Test
    void settingsAreValidatedAndKeepTheTokenSecret() {
        DownloadSettings d = DownloadSettings.defaults();
        assertEquals(Duration.ofSeconds(10), d.connectTimeout());
        assertEquals(Duration.ofMinutes(10), d.requestTimeout());
        assertEquals(3, d.maxAttempts());
        assertTrue(d.userAgent().startsWith("crosspt/"), d.userAgent());
        assertNull(d.withBearerToken("  ").bearerToken());
        assertTrue(d.withBearerToken("hf_secret").toString().contains("***"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withRetries(0,
                Duration.ZERO));
        assertTrue(e.getMessage().contains("(0)"), e.getMessage());
    }

    @Test
    void theHubAnswerIsReadWithSizesAndChecksums() {
        HubRepoInfo info = HubRepoInfo.parse(API, "{\"sha\": \"" + COMMIT + "\", \"siblings\": ["
                + "{\"rfilename\": \"config.json\", \"size\": 12, \"blobId\": \"" + "B".repeat(40) + "\"},"
                + "{\"rfilename\": \"model.safetensors\", \"size\": 134, \"blobId\": \"" + "c".repeat(40) + "\","
                + " \"lfs\": {\"sha256\": \"" + "d".repeat(64) + "\", \"size\": 9000, \"pointerSize\": 134}},"
                + "{\"rfilename\": \"README.md\"}]}");
        assertEquals(COMMIT, info.commit());
        HubFile config = info.file("config.json").orElseThrow();
        assertEquals("b".repeat(40), config.blobName());
        assertEquals(new ExpectedContent(12, null, "b".repeat(40)), config.expected());
        HubFile weights = info.file("model.safetensors").orElseThrow();
        assertEquals("d".repeat(64), weights.blobName());
        assertEquals(ExpectedContent.of(9000, "d".repeat(64)), weights.expected());
        assertEquals(-1, info.file("README.md").orElseThrow().size());
        assertNull(info.file("README.md").orElseThrow().blobName());
    }

    @Test
    void hubAnswersThatCouldEscapeTheCacheAreRejected() {
        for (String json : new String[] {
            "{\"sha\": \"../../etc\", \"siblings\": []}",
            "{\"sha\": \"" + COMMIT + "\"}",
            "{\"sha\": \"" + COMMIT + "\", \"siblings\": [{\"rfilename\": \"a\", \"blobId\": \"../x\"}]}",
            "{\"sha\": \"" + COMMIT + "\", \"siblings\": [{\"rfilename\": \"a\", \"lfs\": {\"sha256\": \"../x\"}}]}",
            "[1, 2]",
            "not json {"}) {
            FetchException e = assertThrows(FetchException.class, () -> HubRepoInfo.parse(API, json), json);
            assertTrue(e.getMessage().startsWith(API + ": unexpected answer from the hub"), e.getMessage());
        }
    }

    @Test
    void aRemoteFileKnowsItsNameAndMovesToAMirror() {
        RemoteFile f = RemoteFile.of("https://example.org/a/b/file.zip?x=1", 3, null);
        assertEquals("file.zip", f.fileName());
        assertEquals("http://127.0.0.1:8/a/b/file.zip?x=1", f.rebased(URI.create("http://127.0.0.1:8")).url()
                .toString());
        assertThrows(IllegalArgumentException.class, () -> RemoteFile.of("https://example.org/dir/", -1, null)
                .fileName());
    }
}
