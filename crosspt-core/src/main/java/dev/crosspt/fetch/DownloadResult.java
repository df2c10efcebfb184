package dev.crosspt.fetch;

import java.nio.file.Path;

/**
 * A file that is in place and verified.
 *
 * @param file where the file is
 * @param size its size in bytes
 * @param alreadyPresent true when a verified copy was already there and nothing was downloaded
 */
public record DownloadResult(Path file, long size, boolean alreadyPresent) {
}
