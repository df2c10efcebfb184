package dev.crosspt.djl.demo;

import dev.crosspt.report.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo model as shipped in this jar: the folder {@link DemoModelGenerator#generate} wrote once, with the
 * SHA-256 of each file in {@value #SUMS}, under {@code src/main/resources/dev/crosspt/djl/demo/demo-t5-r<recipe>/}.
 * Training a model again gives other weights on another CPU (its math libraries round differently), so when a
 * build ships one, the demo uses it and every machine starts from the same bytes.
 */
public final class PinnedDemoModel {

    /** The file listing each shipped file's SHA-256, in {@code sha256sum} format. */
    public static final String SUMS = "SHA256SUMS";

    private static final String FOLDER = "demo-t5-r" + DemoModelGenerator.RECIPE + "/";

    private PinnedDemoModel() {}

    /** Each shipped file's name and SHA-256, as recorded; empty when this build ships no model. */
    public static Map<String, String> sums() {
        try (InputStream in = PinnedDemoModel.class.getResourceAsStream(FOLDER + SUMS)) {
            return in == null ? Map.of() : parseSums(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped demo model's " + SUMS, e);
        }
    }

    /** Reads {@code sha256sum} lines ({@code <hex>  <file>}) into file name and sum, in order. */
    static Map<String, String> parseSums(String text) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split("\\s+\\*?", 2);
                sums.put(parts[1], parts[0]);
            }
        }
        return sums;
    }

    /**
     * Writes {@value #SUMS} for these files of {@code dir}, so that the folder can be shipped as it is
     * ({@code sha256sum -c SHA256SUMS} checks it too).
     */
    public static void writeSums(Path dir, List<String> files) {
        StringBuilder out = new StringBuilder();
        for (String file : files) {
            out.append(sha256(dir.resolve(file))).append("  ").append(file).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(SUMS), out.toString());
    }

    /** The files of {@code dir} that are missing or whose SHA-256 differs from {@code sums}, with both sums. */
    static List<String> mismatches(Path dir, Map<String, String> sums) {
        List<String> out = new ArrayList<>();
        sums.forEach((file, expected) -> {
            Path path = dir.resolve(file);
            String actual = Files.isRegularFile(path) ? sha256(path) : "missing";
            if (!actual.equals(expected)) {
                out.add(file + ": SHA-256 " + actual + ", recorded " + expected);
            }
        });
        return out;
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
            for (String file : sums.keySet()) {
                try (InputStream in = PinnedDemoModel.class.getResourceAsStream(FOLDER + file)) {
                    if (in != null) {
                        Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the shipped demo model into " + dir, e);
        }
        List<String> bad = mismatches(dir, sums);
        if (!bad.isEmpty()) {
            throw new IllegalStateException("the shipped demo model is damaged: " + String.join("; ", bad));
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

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
