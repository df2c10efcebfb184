package dev.crosspt.fetch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

/** Content and checksums for download tests. */
final class TestBytes {

    private TestBytes() {
    }

    /** Reproducible pseudo-random bytes. */
    static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] data) {
        return hex("SHA-256", new byte[0], data);
    }

    /** The git object id of a blob, as the Hugging Face hub reports for files not in LFS. */
    static String gitBlobSha1(byte[] data) {
        return hex("SHA-1", ("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII), data);
    }

    private static String hex(String algorithm, byte[] prefix, byte[] data) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            d.update(prefix);
            return HexFormat.of().formatHex(d.digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fast settings for tests: short timeouts, 3 attempts 10 ms apart. */
    static DownloadSettings fastSettings() {
        return DownloadSettings.defaults()
                .withRequestTimeout(Duration.ofSeconds(5))
                .withRetries(3, Duration.ofMillis(10));
    }
}
