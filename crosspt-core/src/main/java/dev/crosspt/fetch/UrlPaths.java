package dev.crosspt.fetch;

import java.nio.charset.StandardCharsets;

/** Percent-encoding for URL paths, as huggingface_hub quotes revisions and file names. */
final class UrlPaths {

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private UrlPaths() {
    }

    /**
     * Encodes one path segment: everything but unreserved characters, '/' included, so a revision such as
     * {@code refs/pr/1} stays one segment ({@code refs%2Fpr%2F1}).
     *
     * @param segment the text
     * @return the encoded segment
     */
    static String encodeSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (UNRESERVED.indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Encodes a repo path, keeping its '/' separators.
     *
     * @param path such as {@code onnx/model.onnx}
     * @return the encoded path
     */
    static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(encodeSegment(segment));
        }
        return sb.toString();
    }
}
