package dev.crosspt.djl.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo model as shipped in this jar: the files {@link DemoModelGenerator} wrote once, with their SHA-256
 * sums in {@value #SUMS}. Training a model again gives other weights on another CPU (its math libraries round
 * differently), so the demo uses this copy and every machine starts from the same bytes.
 */
public final class PinnedDemoModel {

    /** The file listing each shipped file's SHA-256, in {@code sha256sum} format. */
    public static final String SUMS = "SHA256SUMS";

    private static final String FOLDER = "demo-t5-r" + DemoModelGenerator.RECIPE + "/";

    private PinnedDemoModel() {}

    /** Each shipped file's name and SHA-256, as recorded; empty when this build ships no model. */
    public static Map<String, String> sums() {
        try (InputStream in = PinnedDemoModel.class.getResourceAsStream(FOLDER + SUMS)) {
            Map<String, String> sums = new LinkedHashMap<>();
            if (in == null) {
                return sums;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] parts = line.trim().split("\\s+\\*?", 2);
                    sums.put(parts[1], parts[0]);
                }
            }
            return sums;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped demo model's " + SUMS, e);
        }
    }

    /**
     * Copies the shipped model into {@code dir} (a fresh directory), checking every file's SHA-256.
     *
     * @throws IllegalStateException when a file is missing or its sum differs from the recorded one
     */
    static void copyTo(Path dir) {
        Map<String, String> sums = sums();
        if (sums.isEmpty()) {
            throw new IllegalStateException("this build ships no demo model (no " + FOLDER + SUMS + ")");
        }
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : sums.entrySet()) {
                String actual = copy(FOLDER + file.getKey(), dir.resolve(file.getKey()));
                if (!actual.equals(file.getValue())) {
                    throw new IllegalStateException("the shipped demo model's " + file.getKey() + " has SHA-256 "
                            + actual + ", but " + SUMS + " records " + file.getValue() + ": the jar is damaged");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the shipped demo model into " + dir, e);
        }
    }

    /** The SHA-256 of a file, in lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file);
                DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest())) {
            in.transferTo(out);
            return HexFormat.of().formatHex(out.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String copy(String resource, Path target) throws IOException {
        try (InputStream in = PinnedDemoModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the shipped demo model lacks " + resource);
            }
            try (DigestOutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest())) {
                in.transferTo(out);
                return HexFormat.of().formatHex(out.getMessageDigest().digest());
            }
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
