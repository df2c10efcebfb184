package dev.crosspt.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Recursive deletion of a directory tree, the one implementation crosspt has (staging and temporary folders,
 * the demo model, ONNX exports). Symbolic links are deleted, never followed, so nothing outside the tree is
 * touched. A root that does not exist is not an error; a root that is a file or a link is deleted on its own.
 *
 * <p>Two behaviours on failure, for two kinds of caller: {@link #deleteTree} stops and throws, for a folder whose
 * leftovers would be read later (a staging folder, a half-written model); {@link #deleteTreeQuietly} goes on and
 * never throws, for a temporary folder whose leftovers are harmless and whose caller is already cleaning up.
 */
public final class Directories {

    private Directories() {
    }

    /**
     * Deletes {@code root} and everything under it, stopping at the first failure.
     *
     * @param root the directory (or file) to delete; nothing happens when it does not exist
     * @throws IOException the first entry that could not be listed or deleted; what was deleted before it stays
     *     deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes what it can of {@code root} and everything under it (best effort): an entry that cannot be listed
     * or deleted is skipped, along with the directories above it, and the rest is still deleted. Never throws
     * an {@link IOException}, checked or wrapped, so it is safe in {@code close()} and {@code finally} blocks.
     *
     * @param root the directory (or file) to delete; nothing happens when it does not exist
     * @return true when {@code root} no longer exists afterwards
     */
    public static boolean deleteTreeQuietly(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    deleteIgnoringFailure(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    return FileVisitResult.CONTINUE; // unreadable (or already gone): leave it
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
                    deleteIgnoringFailure(dir); // fails harmlessly when something inside was left
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the visitor throws nothing, so this is unreachable in practice; a leftover is acceptable here
        }
        return !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
    }

    private static void deleteIgnoringFailure(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort, see deleteTreeQuietly
        }
    }
}
