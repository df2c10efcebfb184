package dev.crosspt.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip archive into a folder, refusing any entry that would land outside it ("zip slip": names such
 * as {@code ../x} or {@code /etc/x}). macOS resource forks ({@code __MACOSX/}) are skipped.
 */
final class ZipUnpacker {

    private ZipUnpacker() {
    }

    /**
     * Unpacks every entry. Every name is checked before anything is written, so a hostile archive leaves
     * nothing behind.
     *
     * @param zip the archive
     * @param into the folder to unpack into; created if missing
     * @throws FetchException if an entry would escape {@code into} or the file is not a zip archive
     * @throws IOException if reading or writing fails
     */
    static void unpack(Path zip, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = archive.entries(); e.hasMoreElements();) {
                destination(zip, root, e.nextElement());
            }
            Files.createDirectories(root);
            for (Enumeration<? extends ZipEntry> e = archive.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                Path out = destination(zip, root, entry);
                if (out == null) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (ZipException e) {
            throw new FetchException(null, zip + ": not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }

    /** Where an entry goes, or null to skip it; throws for an entry that would leave {@code root}. */
    private static Path destination(Path zip, Path root, ZipEntry entry) {
        String name = entry.getName();
        if (name.startsWith("__MACOSX/")) {
            return null;
        }
        Path out;
        try {
            out = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new FetchException(null, zip + ": entry '" + name + "' is not a usable file name; refusing to "
                    + "unpack", e);
        }
        if (!out.startsWith(root) || out.equals(root) && !entry.isDirectory()) {
            throw new FetchException(null, zip + ": entry '" + name + "' would be written outside " + root
                    + "; refusing to unpack the archive", null);
        }
        return out;
    }
}
