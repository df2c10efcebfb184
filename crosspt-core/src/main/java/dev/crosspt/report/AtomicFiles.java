package dev.crosspt.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files all-or-nothing: the content goes to a hidden temporary file in the destination's directory,
 * is flushed to disk, and is then renamed over the destination in one atomic step. A crash or an error
 * never leaves a half-written file where a good one was, and readers see either the old or the new content.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /**
     * Writes a string as UTF-8, atomically.
     *
     * @param file the destination; missing parent directories are created, an existing file is replaced
     * @param content the complete text
     * @throws UncheckedIOException if the file cannot be written; the message names it
     */
    public static void writeString(Path file, String content) {
        Objects.requireNonNull(content, "content");
        write(file, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
    }

    /**
     * Lets {@code writer} produce the content in a temporary file, then moves it over {@code file} atomically.
     * If the writer fails, the temporary file is deleted and {@code file} is left exactly as it was.
     *
     * @param file the destination; missing parent directories are created, an existing file is replaced
     * @param writer writes the complete content to the temporary path it is given
     * @throws UncheckedIOException if the writer throws an {@link IOException} or the file cannot be moved into
     *     place; the message names {@code file}. Unchecked exceptions from the writer pass through unchanged.
     */
    public static void write(Path file, IoWriter writer) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(writer, "writer");
        Path abs = file.toAbsolutePath();
        Path tmp = null;
        try {
            Path dir = abs.getParent();
            Files.createDirectories(dir);
            // Not Files.createTempFile: its owner-only permissions would carry over to the destination.
            tmp = dir.resolve("." + abs.getFileName() + "." + UUID.randomUUID() + ".tmp");
            writer.writeTo(tmp);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("the writer produced no file");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true); // durable before the rename makes it visible
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            LOG.debug("wrote {}", abs);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write file (" + e + ")", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            LOG.warn("could not delete temporary file {} ({})", tmp, e.toString());
        }
    }
}
