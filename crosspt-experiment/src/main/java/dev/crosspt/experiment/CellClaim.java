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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim a worker holds on a cell while it trains it: an exclusive lock on {@code <cell>/cell.claim}, with a
 * line saying who holds it (host, pid, Slurm job). The operating system takes the lock atomically and drops it
 * when the worker exits or is killed, so a cancelled, preempted or crashed worker never leaves a claim that
 * blocks the cell (POSIX record locks, which NFS and the usual cluster file systems honour across hosts).
 *
 * <p>A process's POSIX locks on a file all end when it closes any channel to that file, so this process never
 * opens a second channel to a claim it holds: it answers for those from memory.
 */
public final class CellClaim implements AutoCloseable {

    /** The claim file in a cell's directory. */
    public static final String FILE = "cell.claim";

    /** The claim files this process holds, with the line written in each. */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private CellClaim(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims the cell, trying for about a second (a status check holds the lock for an instant).
     *
     * @return the claim, or empty when another worker holds it
     */
    public static synchronized Optional<CellClaim> tryClaim(Path cellDir) {
        Path file = key(cellDir);
        if (HELD_HERE.containsKey(file)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(cellDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            return claim(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException(cellDir.resolve(FILE) + ": cannot claim the cell (" + e + ")", e);
        }
    }

    private static Optional<CellClaim> claim(Path file, FileChannel channel) throws IOException {
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    String worker = worker();
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((worker + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(true);
                    HELD_HERE.put(file, worker);
                    return Optional.of(new CellClaim(file, channel, lock));
                }
                Thread.sleep(200);
            }
            channel.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Who holds the cell's claim now.
     *
     * @return the holder's line (host, pid, job, since when), or empty when nobody holds it
     */
    public static synchronized Optional<String> holder(Path cellDir) {
        Path file = key(cellDir);
        if (HELD_HERE.containsKey(file)) {
            return Optional.of(HELD_HERE.get(file));
        }
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

    private static Path key(Path cellDir) {
        return cellDir.resolve(FILE).toAbsolutePath().normalize();
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
        synchronized (CellClaim.class) {
            HELD_HERE.remove(file);
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a cell's claim (" + e + ")", e);
        }
    }
}
