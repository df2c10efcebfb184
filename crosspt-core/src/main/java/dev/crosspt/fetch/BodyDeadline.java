package dev.crosspt.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a response body that is still being read when its request's time is up. Java's HttpClient times a
 * request out only until the headers arrive; without this a connection that stalls mid-body would hang the
 * download forever. Closing the stream makes the blocked read return, and {@link #expired()} tells the
 * reader why.
 */
final class BodyDeadline implements AutoCloseable {

    /** One daemon thread for all deadlines; it ends itself after a few idle seconds. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    /**
     * Starts the clock.
     *
     * @param body the stream to close when time is up
     * @param remaining the time left for the request; zero or less closes the stream at once
     */
    BodyDeadline(InputStream body, Duration remaining) {
        long millis = Math.max(0, remaining.toMillis());
        task = TIMER.schedule(() -> {
            expired.set(true);
            try {
                body.close();
            } catch (IOException e) {
                // The reader learns of the expiry through expired(); nothing more to do here.
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "crosspt-download-deadline");
            thread.setDaemon(true);
            return thread;
        });
        t.setKeepAliveTime(5, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /**
     * Whether time ran out and the body was closed under the reader.
     *
     * @return true once the deadline has passed
     */
    boolean expired() {
        return expired.get();
    }

    /** Stops the clock; the body is left as it is. */
    @Override
    public void close() {
        task.cancel(false);
    }
}
