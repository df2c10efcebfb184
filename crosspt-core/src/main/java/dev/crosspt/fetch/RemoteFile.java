package dev.crosspt.fetch;

import java.net.URI;
import java.util.Objects;

/**
 * A file to download and what it must turn out to be.
 *
 * @param url where it is
 * @param expected its size and checksum, as far as they are known
 */
public record RemoteFile(URI url, ExpectedContent expected) {

    /** Requires both parts. */
    public RemoteFile {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expected, "expected");
    }

    /**
     * A file with a known size and SHA-256.
     *
     * @param url the address
     * @param size the size in bytes
     * @param sha256 64 hex digits
     * @return the file
     */
    public static RemoteFile of(String url, long size, String sha256) {
        return new RemoteFile(URI.create(url), ExpectedContent.of(size, sha256));
    }

    /**
     * The last segment of the URL's path, the name the file is saved under.
     *
     * @return such as {@code CoLA.zip}
     */
    public String fileName() {
        String path = url.getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(url + " does not end in a file name");
        }
        return name;
    }

    /**
     * The same file at another server: the scheme, host and port are replaced, the path and query kept.
     *
     * @param base the mirror, such as {@code http://127.0.0.1:8080}; a path in it is put before the file's path
     * @return the file at the mirror, with the same expectations
     */
    public RemoteFile rebased(URI base) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String rebased = base.getScheme() + "://" + base.getRawAuthority() + prefix + url.getRawPath()
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return new RemoteFile(URI.create(rebased), expected);
    }
}
