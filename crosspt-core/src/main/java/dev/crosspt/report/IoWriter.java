package dev.crosspt.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a file's whole content to a path given to it; {@link AtomicFiles#write(Path, IoWriter)} then moves
 * that file into place.
 */
@FunctionalInterface
public interface IoWriter {

    /**
     * Writes the complete content to {@code tmp}, creating or replacing it.
     *
     * @param tmp a not-yet-existing temporary file in the destination's directory
     * @throws IOException if the content cannot be written; the destination is then left as it was
     */
    void writeTo(Path tmp) throws IOException;
}
