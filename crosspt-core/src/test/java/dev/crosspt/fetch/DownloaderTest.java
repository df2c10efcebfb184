package dev.crosspt.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.testkit.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DownloaderTest {

    private static final byte[] DATA = TestBytes.random(200_000, 1);
    private static final String SHA = TestBytes.sha256(DATA);

    @TempDir
    Path tmp;

    private final Downloader downloader = new Downloader(TestBytes.fastSettings());

    /** The request resumed after some of the bytes sent before the cut: TCP may lose the last ones. */
    private static void assertResumedWithin(LoopbackServer.Request request, long sent) {
        long start = LoopbackServer.rangeStart(request);
        assertTrue(start > 0 && start <= sent, "Range: " + request.header("Range") + ", sent " + sent);
    }

    @Test
    void downloadsAFileAndVerifiesIt() throws Exception {
        try (LoopbackServer server = new LoopbackServer((ex, n) -> LoopbackServer.sendBytes(ex, DATA, true))) {
            Path target = tmp.resolve("sub/file.bin");
            AtomicLong lastDone = new AtomicLong();
            AtomicLong lastTotal = new AtomicLong();
            DownloadResult result = downloader.download(server.uri("/file.bin"), target,
                    ExpectedContent.of(DATA.length, SHA), (done, total) -> {
                        lastDone.set(done);
                        lastTotal.set(total);
                    });
            assertFalse(result.alreadyPresent());
            assertEquals(DATA.length, result.size());
            assertArrayEquals(DATA, Files.readAllBytes(target));
            assertFalse(Files.exists(tmp.resolve("sub/file.bin.part")));
            assertEquals(DATA.length, lastDone.get());
            assertEquals(DATA.length, lastTotal.get());
            assertEquals(1, server.requests().size());
            assertTrue(server.requests().get(0).header("User-Agent").startsWith("crosspt/"));
            assertNull(server.requests().get(0).header("Authorization"));
        }
    }

    @Test
    void resumesWithARangeRequestAfterTheBodyIsCutOff() throws Exception {
        LoopbackServer.Handler handler = (ex, n) -> {
            if (n == 1) {
                LoopbackServer.sendCutOff(ex, DATA, DATA.length / 2);
            } else {
                LoopbackServer.sendBytes(ex, DATA, true);
            }
        };
        try (LoopbackServer server = new LoopbackServer(handler)) {
            Path target = tmp.resolve("file.bin");
            downloader.download(server.uri("/f"), target, ExpectedContent.of(-1, SHA), DownloadProgress.none());
            assertArrayEquals(DATA, Files.readAllBytes(target));
            assertEquals(2, server.requests().size());
            assertNull(server.requests().get(0).header("Range"));
            assertResumedWithin(server.requests().get(1), DATA.length / 2);
        }
    }

    @Test
    void startsAgainWhenTheServerIgnoresTheRange() throws Exception {
        LoopbackServer.Handler handler = (ex, n) -> {
            if (n == 1) {
                LoopbackServer.sendCutOff(ex, DATA, DATA.length / 3);
            } else {
                LoopbackServer.sendBytes(ex, DATA, false);
            }
        };
        try (LoopbackServer server = new LoopbackServer(handler)) {
            Path target = tmp.resolve("file.bin");
            downloader.download(server.uri("/f"), target, ExpectedContent.of(DATA.length, SHA),
                    DownloadProgress.none());
            assertArrayEquals(DATA, Files.readAllBytes(target));
            assertEquals(2, server.requests().size());
            assertResumedWithin(server.requests().get(1), DATA.length / 3);
        }
    }

    @Test
    void resumesAPartFileLeftByAnEarlierRun() throws Exception {
        Path target = tmp.resolve("file.bin");
        Files.write(tmp.resolve("file.bin.part"), java.util.Arrays.copyOf(DATA, 1000));
        try (LoopbackServer server = new LoopbackServer((ex, n) -> LoopbackServer.sendBytes(ex, DATA, true))) {
            downloader.download(server.uri("/f"), target, ExpectedContent.of(DATA.length, SHA),
                    DownloadProgress.none());
            assertArrayEquals(DATA, Files.readAllBytes(target));
            assertEquals("bytes=1000-", server.requests().get(0).header("Range"));
        }
    }

    @Test
    void wrongChecksumDeletesThePartAndLeavesNoTarget() throws Exception {
        String wrong = "0".repeat(64);
        try (LoopbackServer server = new LoopbackServer((ex, n) -> LoopbackServer.sendBytes(ex, DATA, true))) {
            Path target = tmp.resolve("file.bin");
            URI url = server.uri("/f");
            FetchException e = assertThrows(FetchException.class, () -> downloader.download(url, target,
                    ExpectedContent.of(DATA.length, wrong), DownloadProgress.none()));
            assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("expected " + wrong), e.getMessage());
            assertTrue(e.getMessage().contains("got " + SHA), e.getMessage());
            assertFalse(Files.exists(target));
            assertFalse(Files.exists(tmp.resolve("file.bin.part")));
        }
    }

    @Test
    void aBadDownloadNeverReplacesAGoodFile() throws Exception {
        Path target = tmp.resolve("file.bin");
        Files.writeString(target, "old content");
        try (LoopbackServer server = new LoopbackServer((ex, n) -> LoopbackServer.sendBytes(ex, DATA, true))) {
            assertThrows(FetchException.class, () -> downloader.download(server.uri("/f"), target,
                    ExpectedContent.of(DATA.length, "1".repeat(64)), DownloadProgress.none()));
            assertEquals("old content", Files.readString(target));
        }
    }

    @Test
    void sizeAnnouncedByTheServerMustMatchTheExpectedSize() throws Exception {
        try (LoopbackServer server = new LoopbackServer((ex, n) -> LoopbackServer.sendBytes(ex, DATA, true))) {
            Path target = tmp.resolve("file.bin");
            FetchException e = assertThrows(FetchException.class, () -> downloader.download(server.uri("/f"),
                    target, ExpectedContent.of(DATA.length + 1, null), DownloadProgress.none()));
            assertTrue(e.getMessage().contains("announces " + DATA.length + " bytes, expected " + (DATA.length + 1)),
                    e.getMessage());
            assertFalse(Files.exists(target));
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void notFoundNamesTheUrlAndStatusWithoutRetrying() throws Exception {
        try (LoopbackServer server = new LoopbackServer((ex, n) -> LoopbackServer.sendStatus(ex, 404, "nope"))) {
            URI url = server.uri("/missing.zip");
            Path target = tmp.resolve("missing.zip");
            FetchException e = assertThrows(FetchException.class,
                    () -> downloader.download(url, target, ExpectedContent.unknown(), DownloadProgress.none()));
            assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            assertEquals(404, e.httpStatus());
            assertEquals(1, server.requests().size());
            assertFalse(Files.exists(target));
        }
    }

    @Test
    void aVerifiedFileIsNotDownloadedAgain() throws Exception {
        try (LoopbackServer server = new LoopbackServer((ex, n) -> LoopbackServer.sendBytes(ex, DATA, true))) {
            Path target = tmp.resolve("file.bin");
            ExpectedContent expected = ExpectedContent.of(DATA.length, SHA);
            assertFalse(downloader.download(server.uri("/f"), target, expected, DownloadProgress.none())
                    .alreadyPresent());
            DownloadResult again = downloader.download(server.uri("/f"), target, expected, DownloadProgress.none());
            assertTrue(again.alreadyPresent());
            assertEquals(1, server.requests().size());

            Files.write(target, new byte[DATA.length]); // right size, wrong content: fetched again
            assertFalse(downloader.download(server.uri("/f"), target, expected, DownloadProgress.none())
                    .alreadyPresent());
            assertEquals(2, server.requests().size());
            assertArrayEquals(DATA, Files.readAllBytes(target));
        }
    }

    @Test
    void serverErrorsAreRetriedThenReported() throws Exception {
        LoopbackServer.Handler flaky = (ex, n) -> {
            if (n == 1) {
                LoopbackServer.sendStatus(ex, 503, "busy");
            } else {
                LoopbackServer.sendBytes(ex, DATA, true);
            }
        };
        try (LoopbackServer server = new LoopbackServer(flaky)) {
            Path target = tmp.resolve("a.bin");
            downloader.download(server.uri("/a"), target, ExpectedContent.unknown(), DownloadProgress.none());
            assertArrayEquals(DATA, Files.readAllBytes(target));
            assertEquals(2, server.requests().size());
        }
        try (LoopbackServer server = new LoopbackServer((ex, n) -> LoopbackServer.sendStatus(ex, 500, "broken"))) {
            URI url = server.uri("/b");
            FetchException e = assertThrows(FetchException.class, () -> downloader.download(url,
                    tmp.resolve("b.bin"), ExpectedContent.unknown(), DownloadProgress.none()));
            assertTrue(e.getMessage().contains(url + ": HTTP 500"), e.getMessage());
            assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
            assertEquals(3, server.requests().size());
        }
    }

    @Test
    void refusedConnectionsAreRetriedAndReported() throws Exception {
        URI url;
        try (LoopbackServer closed = new LoopbackServer((ex, n) -> LoopbackServer.sendStatus(ex, 200, ""))) {
            url = closed.uri("/gone");
        } // the port is free again: nothing listens there now
        URI target = url;
        FetchException e = assertThrows(FetchException.class, () -> downloader.download(target,
                tmp.resolve("x"), ExpectedContent.unknown(), DownloadProgress.none()));
        assertTrue(e.getMessage().startsWith(url + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void aStalledBodyIsCutByTheRequestTimeoutAndResumed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackServer.Handler stalling = (ex, n) -> {
            if (n == 1) {
                ex.sendResponseHeaders(200, DATA.length);
                OutputStream out = ex.getResponseBody();
                out.write(DATA, 0, 5000);
                out.flush();
                try {
                    release.await(10, TimeUnit.SECONDS); // stall until the test is over
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("stalled on purpose");
            }
            LoopbackServer.sendBytes(ex, DATA, true);
        };
        try (LoopbackServer server = new LoopbackServer(stalling)) {
            Downloader impatient = new Downloader(TestBytes.fastSettings().withRequestTimeout(Duration.ofMillis(500)));
            Path target = tmp.resolve("file.bin");
            impatient.download(server.uri("/f"), target, ExpectedContent.of(DATA.length, SHA), DownloadProgress.none());
            assertArrayEquals(DATA, Files.readAllBytes(target));
            assertResumedWithin(server.requests().get(1), 5000);
            release.countDown();
        }
    }

    @Test
    void fetchTextReadsSmallAnswersAndReportsErrors() throws Exception {
        LoopbackServer.Handler handler = (ex, n) -> {
            if (ex.getRequestURI().getPath().equals("/ok")) {
                LoopbackServer.sendJson(ex, "{\"a\": \"é\"}");
            } else {
                LoopbackServer.sendStatus(ex, 401, "");
            }
        };
        try (LoopbackServer server = new LoopbackServer(handler)) {
            assertEquals("{\"a\": \"é\"}", downloader.fetchText(server.uri("/ok")));
            FetchException e = assertThrows(FetchException.class, () -> downloader.fetchText(server.uri("/no")));
            assertEquals(401, e.httpStatus());
        }
    }

    @Test
    void theTokenGoesOnlyToTheServerItWasGivenFor() throws Exception {
        try (LoopbackServer mirror = new LoopbackServer((ex, n) -> LoopbackServer.sendBytes(ex, DATA, true));
                LoopbackServer hub = new LoopbackServer((ex, n) -> LoopbackServer.redirect(ex, mirror.uri("/blob")))) {
            Downloader withToken = new Downloader(TestBytes.fastSettings().withBearerToken("secret"));
            Path target = tmp.resolve("file.bin");
            withToken.download(hub.uri("/resolve/file.bin"), target, ExpectedContent.of(DATA.length, SHA),
                    DownloadProgress.none());
            assertArrayEquals(DATA, Files.readAllBytes(target));
            assertEquals("Bearer secret", hub.requests().get(0).header("Authorization"));
            assertNull(mirror.requests().get(0).header("Authorization"));
            assertFalse(withToken.settings().toString().contains("secret"));
        }
    }
}
