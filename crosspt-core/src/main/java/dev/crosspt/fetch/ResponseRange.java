package dev.crosspt.fetch;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a response to a (possibly ranged) GET holds: where its body starts in the file and how long the whole
 * file is, read from the status, {@code Content-Range} and {@code Content-Length}.
 *
 * @param outcome how the body relates to the bytes already on disk
 * @param start the file offset of the body's first byte: the resume offset for a 206, 0 for a 200
 * @param total the size of the whole file, or -1 when the server does not say
 */
record ResponseRange(Outcome outcome, long start, long total) {

    /** {@code bytes 100-199/200}, {@code bytes 100-199/*}. */
    private static final Pattern SATISFIED = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

    /** {@code bytes *}{@code /200}, sent with 416. */
    private static final Pattern UNSATISFIED = Pattern.compile("bytes\\s+\\*/(\\d+)");

    /** How a response's body relates to the partial file. */
    enum Outcome {
        /** The body is (the rest of) the file, to be written from {@link #start()}. */
        BODY,
        /** The partial file already holds the whole file (416 with a matching size). */
        ALREADY_COMPLETE,
        /** The server cannot serve the requested range; the partial file must go. */
        CANNOT_RESUME
    }

    /**
     * Reads a response's status and headers.
     *
     * @param url the address, for messages
     * @param response the response
     * @param offset the bytes already on disk, which a Range header asked to skip (0 for none)
     * @return where the body goes
     * @throws TransientFailure for a status worth retrying
     * @throws FetchException for an error status or a 206 that does not answer the range that was asked for
     */
    static ResponseRange of(URI url, HttpResponse<?> response, long offset) throws TransientFailure {
        int status = response.statusCode();
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        Optional<String> contentRange = response.headers().firstValue("Content-Range");
        if (status == 200) {
            return new ResponseRange(Outcome.BODY, 0, length);
        }
        if (status == 206) {
            Matcher m = SATISFIED.matcher(contentRange.orElse("").trim());
            if (!m.matches()) {
                throw new FetchException(url, 206, url + ": partial content without a usable Content-Range ('"
                        + contentRange.orElse("") + "')", null);
            }
            long start = Long.parseLong(m.group(1));
            if (start != offset) {
                throw new FetchException(url, 206, url + ": asked for bytes from " + offset
                        + ", the server sent bytes from " + start, null);
            }
            long total = m.group(3).equals("*") ? (length >= 0 ? offset + length : -1) : Long.parseLong(m.group(3));
            return new ResponseRange(Outcome.BODY, start, total);
        }
        if (status == 416 && offset > 0) {
            Matcher m = UNSATISFIED.matcher(contentRange.orElse("").trim());
            if (m.matches() && Long.parseLong(m.group(1)) == offset) {
                return new ResponseRange(Outcome.ALREADY_COMPLETE, offset, offset);
            }
            return new ResponseRange(Outcome.CANNOT_RESUME, 0, -1);
        }
        Downloader.failUnlessOk(url, status, 200);
        throw new IllegalStateException("unreachable: status " + status);
    }
}
