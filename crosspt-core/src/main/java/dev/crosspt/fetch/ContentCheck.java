package dev.crosspt.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Compares a file on disk with what it should be: its size first (cheap), then its checksums in one read. */
final class ContentCheck {

    private ContentCheck() {
    }

    /**
     * Describes how a file differs from what was expected.
     *
     * @param file the file to check
     * @param expected the size and checksums that are known
     * @param announcedSize the size the server announced, or -1; checked only when {@code expected} has none
     * @return null when the file matches, else "size: expected N bytes, got M" or
     *     "sha256: expected X, got Y" (or the git blob id)
     * @throws IOException if the file cannot be read
     */
    static String mismatch(Path file, ExpectedContent expected, long announcedSize) throws IOException {
        long actual = Files.size(file);
        if (expected.size() >= 0 && actual != expected.size()) {
            return "size: expected " + expected.size() + " bytes, got " + actual;
        }
        if (expected.size() < 0 && announcedSize >= 0 && actual != announcedSize) {
            return "size: the server announced " + announcedSize + " bytes, got " + actual;
        }
        if (!expected.hasChecksum()) {
            return null;
        }
        MessageDigest sha256 = expected.sha256() == null ? null : digest("SHA-256");
        MessageDigest sha1 = expected.gitBlobSha1() == null ? null : digest("SHA-1");
        if (sha1 != null) {
            sha1.update(("blob " + actual + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (sha256 != null) {
                    sha256.update(buffer, 0, n);
                }
                if (sha1 != null) {
                    sha1.update(buffer, 0, n);
                }
            }
        }
        if (sha256 != null) {
            String got = HexFormat.of().formatHex(sha256.digest());
            if (!got.equals(expected.sha256())) {
                return "sha256: expected " + expected.sha256() + ", got " + got;
            }
        }
        if (sha1 != null) {
            String got = HexFormat.of().formatHex(sha1.digest());
            if (!got.equals(expected.gitBlobSha1())) {
                return "git blob id: expected " + expected.gitBlobSha1() + ", got " + got;
            }
        }
        return null;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
