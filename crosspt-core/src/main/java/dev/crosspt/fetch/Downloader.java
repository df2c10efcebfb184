package dev.crosspt.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a URL to a file so that a good file is either there, complete and verified, or not there at all.
 *
 * <ul>
 *   <li>Bytes go to {@code <target>.part} beside the target. An interrupted download resumes with
 *       {@code Range: bytes=N-}: a 206 answer is appended, a 200 answer (the server ignored the range) starts
 *       the file again.</li>
 *   <li>The finished {@code .part} is checked against the expected size (or the size the server announced)
 *       and, when known, the SHA-256; a mismatch deletes it and throws. Only then is it moved over the
 *       target, atomically.</li>
 *   <li>A target that already matches what is expected is not downloaded again.</li>
 *   <li>Connection errors, timeouts, HTTP 5xx, 408 and 429 are retried with doubling waits, at most
 *       {@link DownloadSettings#maxAttempts()} times in a row without progress; other HTTP errors fail at
 *       once with the URL and status.</li>
 * </ul>
 *
 * <p>Safe to use from several threads for different targets; two downloads of the same target at once are
 * not coordinated.
 */
public final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

    /** Hub API answers and manifests are small; a larger text answer is a misdirected request. */
    private static final int MAX_TEXT_BYTES = 32 << 20;

    private final DownloadSettings settings;
    private final RequestSender sender;

    /**
     * Creates a downloader.
     *
     * @param settings timeouts, retries, User-Agent and an optional bearer token
     */
    public Downloader(DownloadSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sender = new RequestSender(settings);
    }

    /**
     * The settings this downloader uses.
     *
     * @return the settings
     */
    public DownloadSettings settings() {
        return settings;
    }

    /**
     * Downloads {@code url} to {@code target} unless a file matching {@code expected} is already there.
     *
     * @param url the address, http or https
     * @param target the file to create or replace; missing parent directories are created
     * @param expected the size and checksums known in advance ({@link ExpectedContent#unknown()} for none)
     * @param progress hears bytes done and total while the body arrives
     * @return the verified file, and whether it was already there
     * @throws FetchException on an HTTP error status (naming the URL and status), when retries run out, or
     *     when the file that arrived does not match (naming the URL, what was expected and what arrived)
     * @throws UncheckedIOException if the local file system fails
     */
    public DownloadResult download(URI url, Path target, ExpectedContent expected, DownloadProgress progress) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(progress, "progress");
        Path file = target.toAbsolutePath();
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            if (Files.isRegularFile(file)) {
                String problem = ContentCheck.mismatch(file, expected, -1);
                if (problem == null) {
                    long size = Files.size(file);
                    LOG.debug("{}: already there ({} bytes)", file, size);
                    progress.update(size, size);
                    return new DownloadResult(file, size, true);
                }
                LOG.info("{} is there but does not match ({}); downloading it again", file, problem);
            }
            Files.createDirectories(file.getParent());
            long announced = retrying(url, () -> transferOnce(url, part, expected, progress));
            String problem = ContentCheck.mismatch(part, expected, announced);
            if (problem != null) {
                Files.deleteIfExists(part);
                throw new FetchException(url, url + ": the downloaded file does not match, " + problem
                        + " (deleted it; if the source has changed, the expected values need updating)", null);
            }
            moveIntoPlace(part, file);
            return new DownloadResult(file, Files.size(file), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (downloading " + url + "): " + e.getMessage(), e);
        }
    }

    /**
     * Fetches a small text answer, such as a JSON document from an API, with the same retries, timeouts,
     * User-Agent and token as downloads.
     *
     * @param url the address
     * @return the body decoded as UTF-8
     * @throws FetchException on an HTTP error status, when retries run out, or for a body over 32 MiB
     */
    public String fetchText(URI url) {
        Objects.requireNonNull(url, "url");
        return retrying(url, () -> {
            try (RequestSender.Opened opened = sender.open(url, null)) {
                HttpResponse<InputStream> response = opened.response();
                failUnlessOk(url, response.statusCode(), 200);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try {
                    byte[] buffer = new byte[1 << 14];
                    InputStream in = response.body();
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        bytes.write(buffer, 0, n);
                        if (bytes.size() > MAX_TEXT_BYTES) {
                            throw new FetchException(url, url + ": answer larger than " + MAX_TEXT_BYTES
                                    + " bytes; expected a small text document", null);
                        }
                    }
                } catch (IOException e) {
                    throw new TransientFailure(RequestSender.describe(e), 0, false, e);
                }
                if (opened.deadline().expired()) {
                    throw new TransientFailure("timed out after " + settings.requestTimeout(), 0, false, null);
                }
                return bytes.toString(StandardCharsets.UTF_8);
            }
        });
    }

    /** One try of a retried operation. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws TransientFailure, InterruptedException, IOException;
    }

    /** Runs an attempt until it succeeds, fails for good, or fails {@code maxAttempts} times without progress. */
    private <T> T retrying(URI url, Attempt<T> attempt) {
        int failuresInARow = 0;
        while (true) {
            try {
                return attempt.run();
            } catch (TransientFailure f) {
                failuresInARow = f.progressMade ? 0 : failuresInARow + 1;
                if (failuresInARow >= settings.maxAttempts()) {
                    throw new FetchException(url, f.httpStatus, url + ": " + f.getMessage() + " (gave up after "
                            + failuresInARow + (failuresInARow == 1 ? " attempt" : " attempts")
                            + "; run again later to resume)", f.getCause());
                }
                int doublings = Math.min(Math.max(failuresInARow, 1) - 1, 10);
                Duration wait = settings.firstRetryDelay().multipliedBy(1L << doublings);
                LOG.info("{}: {}; retrying in {} ms", url, f.getMessage(), wait.toMillis());
                sleep(url, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException(url, url + ": interrupted", e);
            } catch (IOException e) {
                throw new UncheckedIOException(url + ": " + e.getMessage(), e);
            }
        }
    }

    private static void sleep(URI url, Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(url, url + ": interrupted", e);
        }
    }

    /**
     * One request: resumes the .part file where it ends, writes what arrives, and returns the total size
     * the server announced (-1 if it announced none) once the body is complete.
     */
    private long transferOnce(URI url, Path part, ExpectedContent expected, DownloadProgress progress)
            throws TransientFailure, InterruptedException, IOException {
        long offset = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (expected.size() >= 0 && offset > expected.size()) {
            LOG.info("{} is longer than the expected {} bytes; starting again", part, expected.size());
            Files.delete(part);
            offset = 0;
        }
        if (offset > 0 && offset == expected.size()) {
            return offset; // an earlier run got every byte but stopped before verifying
        }
        try (RequestSender.Opened opened = sender.open(url, offset > 0 ? "bytes=" + offset + "-" : null)) {
            HttpResponse<InputStream> response = opened.response();
            ResponseRange range = ResponseRange.of(url, response, offset);
            if (range.outcome() == ResponseRange.Outcome.ALREADY_COMPLETE) {
                return offset;
            }
            if (range.outcome() == ResponseRange.Outcome.CANNOT_RESUME) {
                Files.deleteIfExists(part);
                throw new TransientFailure("the server cannot resume from byte " + offset + "; starting again",
                        416, false, null);
            }
            if (range.start() == 0 && offset > 0) {
                LOG.info("{}: the server ignored the range request; starting again from byte 0", url);
            }
            if (expected.size() >= 0 && range.total() >= 0 && range.total() != expected.size()) {
                Files.deleteIfExists(part);
                throw new FetchException(url, url + ": the server announces " + range.total() + " bytes, expected "
                        + expected.size(), null);
            }
            long total = expected.size() >= 0 ? expected.size() : range.total();
            long received = copyBody(response.body(), part, range.start(), total, progress);
            if (opened.deadline().expired()) {
                throw new TransientFailure("request took longer than " + settings.requestTimeout() + " (received "
                        + received + " bytes this time)", 0, received > 0, null);
            }
            if (range.total() >= 0 && range.start() + received < range.total()) {
                throw new TransientFailure("connection closed after " + (range.start() + received) + " of "
                        + range.total() + " bytes", 0, received > 0, null);
            }
            return range.total();
        }
    }

    /** Appends the body to {@code part} from byte {@code start} (truncating it there); returns bytes written. */
    private static long copyBody(InputStream body, Path part, long start, long total, DownloadProgress progress)
            throws TransientFailure, IOException {
        StandardOpenOption mode = start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        long received = 0;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                mode)) {
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    throw new TransientFailure(RequestSender.describe(e) + " after " + (start + received) + " bytes",
                            0, received > 0, e);
                }
                if (n < 0) {
                    return received;
                }
                out.write(buffer, 0, n);
                received += n;
                progress.update(start + received, total);
            }
        }
    }

    /** Throws for any status but {@code ok}: transient ones to be retried, the rest for good. */
    static void failUnlessOk(URI url, int status, int ok) throws TransientFailure {
        if (status == ok) {
            return;
        }
        if (TransientFailure.isTransientStatus(status)) {
            throw new TransientFailure("HTTP " + status, status, false, null);
        }
        throw new FetchException(url, status, url + ": HTTP " + status + HttpStatusText.of(status), null);
    }

    private static void moveIntoPlace(Path part, Path file) throws IOException {
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
