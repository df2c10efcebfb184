package dev.crosspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recursive deletion: whole trees, missing roots, links left unfollowed, and the two behaviours on failure. */
class DirectoriesTest {

    @TempDir
    Path tmp;

    /** root/a.txt, root/sub/b.txt, root/sub/deeper/c.bin, root/empty/ */
    private Path tree() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("sub").resolve("deeper"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("a.txt"), "a");
        Files.writeString(root.resolve("sub").resolve("b.txt"), "b");
        Files.write(root.resolve("sub").resolve("deeper").resolve("c.bin"), new byte[] {1, 2, 3});
        return root;
    }

    @Test
    void nestedTreeIsRemoved() throws IOException {
        Path root = tree();
        Directories.deleteTree(root);
        assertFalse(Files.exists(root));
        assertTrue(Files.isDirectory(tmp), "the parent stays");
    }

    @Test
    void nestedTreeIsRemovedQuietly() throws IOException {
        Path root = tree();
        assertTrue(Directories.deleteTreeQuietly(root));
        assertFalse(Files.exists(root));
    }

    @Test
    void missingRootIsNotAnError() throws IOException {
        Path missing = tmp.resolve("never-made");
        Directories.deleteTree(missing);
        assertTrue(Directories.deleteTreeQuietly(missing));
    }

    @Test
    void plainFileRootIsDeleted() throws IOException {
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        Directories.deleteTree(file);
        assertFalse(Files.exists(file));
    }

    @Test
    void linksAreDeletedNotFollowed() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path kept = Files.writeString(outside.resolve("kept.txt"), "keep me");
        Path root = tree();
        try {
            Files.createSymbolicLink(root.resolve("sub").resolve("link"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }
        Directories.deleteTree(root);
        assertFalse(Files.exists(root));
        assertEquals("keep me", Files.readString(kept));
    }

    @Test
    void undeletableEntryThrowsOrIsSkippedQuietly() throws IOException {
        Path root = tree();
        Path locked = root.resolve("sub");
        setWritable(locked, false);
        try {
            // root (as on many CI containers) ignores directory permissions: nothing to test then
            assumeTrue(!canCreateIn(locked), "directory permissions are not enforced for this user");

            assertThrows(AccessDeniedException.class, () -> Directories.deleteTree(root));

            assertFalse(Directories.deleteTreeQuietly(root), "something was left");
            assertTrue(Files.exists(locked.resolve("b.txt")), "the undeletable file is left");
            assertFalse(Files.exists(root.resolve("a.txt")), "the rest is deleted");
            assertFalse(Files.exists(root.resolve("empty")));
        } finally {
            setWritable(locked, true); // so that @TempDir can clean up
        }
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void setWritable(Path dir, boolean writable) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(writable ? "rwx------" : "r-x------"));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no POSIX permissions here");
        }
    }
}
