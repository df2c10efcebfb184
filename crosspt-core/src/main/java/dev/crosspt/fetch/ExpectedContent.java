package dev.crosspt.fetch;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a downloaded file must be, as far as it is known in advance: its size and its checksums. Anything
 * unknown is simply not checked; the size the server announces is checked in any case.
 *
 * @param size the size in bytes, or -1 when unknown
 * @param sha256 the SHA-256 of the content as 64 hex digits, or null when unknown
 * @param gitBlobSha1 the git object id of the content (SHA-1 of {@code "blob <size>\0"} followed by the
 *     content) as 40 hex digits, or null when unknown; the Hugging Face hub names files that are not in LFS
 *     by it
 */
public record ExpectedContent(long size, String sha256, String gitBlobSha1) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-f]{40}");

    /** Validates the size and normalises the checksums to lower case. */
    public ExpectedContent {
        if (size < -1) {
            throw new IllegalArgumentException("expected size must be -1 (unknown) or at least 0, got " + size);
        }
        sha256 = checkHex(sha256, SHA256_HEX, "sha256", 64);
        gitBlobSha1 = checkHex(gitBlobSha1, SHA1_HEX, "git blob id", 40);
    }

    private static String checkHex(String value, Pattern pattern, String what, int digits) {
        if (value == null) {
            return null;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (!pattern.matcher(lower).matches()) {
            throw new IllegalArgumentException(what + " must be " + digits + " hex digits, got '" + value + "'");
        }
        return lower;
    }

    /**
     * Nothing is known in advance; only the size the server announces is checked.
     *
     * @return an expectation with no size and no checksums
     */
    public static ExpectedContent unknown() {
        return new ExpectedContent(-1, null, null);
    }

    /**
     * A known size and SHA-256, as published in a manifest or by the hub for LFS files.
     *
     * @param size the size in bytes, or -1 when unknown
     * @param sha256 64 hex digits, or null when unknown
     * @return the expectation
     */
    public static ExpectedContent of(long size, String sha256) {
        return new ExpectedContent(size, sha256, null);
    }

    /**
     * Whether a checksum is known, which makes an existing file's content checkable, not just its size.
     *
     * @return true when a SHA-256 or a git blob id is known
     */
    public boolean hasChecksum() {
        return sha256 != null || gitBlobSha1 != null;
    }
}
