package dev.crosspt.fetch;

/**
 * Hears how far a download has come, to drive a progress bar. Called from the downloading thread after
 * every chunk that arrives, so an implementation should be cheap and throttle its own output.
 */
@FunctionalInterface
public interface DownloadProgress {

    /**
     * Reports the bytes on disk so far, a resumed download's earlier bytes included.
     *
     * @param bytesDone the bytes of the file written so far
     * @param totalBytes the size of the whole file, or -1 when neither the caller nor the server knows it
     */
    void update(long bytesDone, long totalBytes);

    /**
     * A listener that ignores every report.
     *
     * @return the silent listener
     */
    static DownloadProgress none() {
        return (done, total) -> {
        };
    }
}
