package dev.crosspt.fetch;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a snapshot file point at its blob as huggingface_hub does: a relative symbolic link
 * ({@code snapshots/<commit>/config.json -> ../../blobs/<etag>}), or a copy of the blob where the file system
 * or the platform refuses links (Windows without developer mode, some network file systems).
 */
final class SnapshotLinks {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotLinks.class);

    private SnapshotLinks() {
    }

    /**
     * Puts {@code pointer} in place. An existing pointer to content of the blob's size is left alone: files
     * of one commit never change.
     *
     * @param blob the downloaded, verified blob
     * @param pointer the file in the snapshot folder
     * @param trySymlink false to copy straight away
     * @return true when the pointer is a symbolic link, false when it is a copy
     * @throws IOException if neither a link nor a copy can be made
     */
    static boolean link(Path blob, Path pointer, boolean trySymlink) throws IOException {
        Files.createDirectories(pointer.getParent());
        if (Files.isRegularFile(pointer) && Files.size(pointer) == Files.size(blob)) {
            return Files.isSymbolicLink(pointer);
        }
        Files.deleteIfExists(pointer); // a dangling link or a stale file: replace it
        if (trySymlink) {
            try {
                Files.createSymbolicLink(pointer, pointer.getParent().relativize(blob));
                return true;
            } catch (UnsupportedOperationException | FileSystemException e) {
                LOG.debug("cannot link {} ({}); copying the blob instead", pointer, e.toString());
            }
        }
        Path tmp = pointer.resolveSibling("." + pointer.getFileName() + ".copying");
        Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, pointer, StandardCopyOption.REPLACE_EXISTING);
        }
        return false;
    }
}
