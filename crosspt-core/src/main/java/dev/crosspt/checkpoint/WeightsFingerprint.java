package dev.crosspt.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * A cheap fingerprint of a model directory's weights, such as {@code sha256:3f2a9c0d17e4b856}: which checkpoint a
 * run used, recorded in {@code describe()} and compared on resume.
 *
 * <p>It is the SHA-256 of {@code config.json}'s bytes and, for every tensor in sorted name order, its name,
 * dtype, shape and the first {@value #PREFIX_BYTES} bytes of its data as stored (all of it when smaller), shown
 * as {@code sha256:} and the first 16 hex digits. Reading about 4 KiB per tensor, it takes milliseconds even for
 * checkpoints of gigabytes.
 *
 * <p>What it tells apart: checkpoints of other shapes, dtypes or tensor names, other configurations, and in
 * practice checkpoints trained or initialised differently (t5-v1_1-base and flan-t5-base have the same shape, but
 * fine-tuning changes the first values of practically every tensor). What it does not: checkpoints whose tensors agree in their
 * first 4 KiB and differ only after (a fine-tune that changed only some rows past the start of each tensor, say)
 * get the same fingerprint. It depends on neither the folder's path nor how the tensors are split into files, so
 * a moved or re-sharded copy keeps its fingerprint; re-saving {@code config.json} with other bytes (other
 * whitespace, another {@code _name_or_path}) or converting the weights to another dtype changes it.
 */
public final class WeightsFingerprint {

    /** Bytes of each tensor's data that go into the fingerprint. */
    public static final int PREFIX_BYTES = 4096;

    /** What every fingerprint starts with. */
    public static final String SCHEME = "sha256:";

    private static final int HEX_DIGITS = 16;

    private WeightsFingerprint() {}

    /**
     * Computes the fingerprint of a Hugging Face model directory ({@code config.json} and safetensors weights,
     * single-file or sharded).
     *
     * @param modelDir the model directory
     * @return e.g. {@code sha256:3f2a9c0d17e4b856}
     * @throws CheckpointException if {@code config.json} or the weights are missing or unreadable
     */
    public static String of(Path modelDir) {
        MessageDigest sha = sha256();
        Path config = modelDir.resolve("config.json");
        try {
            putBytes(sha, Files.readAllBytes(config));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(config + ": no such file, expected the model's configuration", e);
        } catch (IOException e) {
            throw new CheckpointException(config + ": cannot read (" + e + ")", e);
        }
        try (TensorStore store = TensorStore.open(modelDir)) {
            for (String name : new TreeSet<>(store.names())) {
                TensorInfo info = store.info(name);
                putBytes(sha, name.getBytes(StandardCharsets.UTF_8));
                putBytes(sha, info.dtype().name().getBytes(StandardCharsets.US_ASCII));
                long[] shape = info.shape();
                putLong(sha, shape.length);
                for (long d : shape) {
                    putLong(sha, d);
                }
                putBytes(sha, store.readBytes(name, PREFIX_BYTES));
            }
        }
        return SCHEME + HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
    }

    /** Length first, so that no two sequences of fields hash the same bytes. */
    private static void putBytes(MessageDigest sha, byte[] bytes) {
        putLong(sha, bytes.length);
        sha.update(bytes);
    }

    private static void putLong(MessageDigest sha, long value) {
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }
}
