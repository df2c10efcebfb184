package dev.crosspt.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The claim a worker holds on a cell while it trains it: an exclusive lock on {@code <cell>/cell.claim}, with a
 * line saying who holds it (host, pid, Slurm job). The operating system takes the lock atomically and drops it
 * when the worker exits or is killed, so a cancelled, preempted or crashed worker never leaves a claim that
 * blocks the cell (POSIX record locks, which NFS and the usual cluster file systems honour across hosts).
 */
public final class CellClaim implements AutoCloseable {

    /** The claim file in a cell's directory. */
    public static final String FILE = "cell.claim";

    private final FileChannel channel;
    private final FileLock lock;

    private CellClaim(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims the cell, trying for about a second (a status check holds the lock for an instant).
     *
     * @return the claim, or empty when another worker holds it
     */
    public static Optional<CellClaim> tryClaim(Path cellDir) {
        try {
            Files.createDirectories(cellDir);
            FileChannel channel = FileChannel.open(cellDir.resolve(FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            for (int attempt = 0; attempt < 5; attempt++) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((worker() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(true);
                    return Optional.of(new CellClaim(channel, lock));
                }
                Thread.sleep(200);
            }
            channel.close();
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(cellDir.resolve(FILE) + ": cannot claim the cell (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Who holds the cell's claim now.
     *
     * @return the holder's line (host, pid, job, since when), or empty when nobody holds it
     */
    public static Optional<String> holder(Path cellDir) {
        Path file = cellDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            String who = Files.readString(file, StandardCharsets.UTF_8).strip();
            return Optional.of(who.isEmpty() ? "another worker" : who);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the cell's claim (" + e + ")", e);
        }
    }

    /** Null when the lock is held, by another process or by another channel of this one. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** This worker, for the claim file and the done marker. */
    static String worker() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        String job = System.getenv("SLURM_ARRAY_JOB_ID") != null
                ? " slurm job " + System.getenv("SLURM_ARRAY_JOB_ID") + "_" + System.getenv("SLURM_ARRAY_TASK_ID")
                : System.getenv("SLURM_JOB_ID") != null ? " slurm job " + System.getenv("SLURM_JOB_ID") : "";
        return "host " + host + " pid " + ProcessHandle.current().pid() + job + " since " + Instant.now();
    }

    /** Releases the claim; the claim file stays, unlocked. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a cell's claim (" + e + ")", e);
        }
    }
}
