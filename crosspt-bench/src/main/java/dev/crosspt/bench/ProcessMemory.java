package dev.crosspt.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as Linux reports it in {@code /proc/self/status} (native memory included), and
 * its minor page faults from {@code /proc/self/stat}, and the JVM's garbage collections.
 */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** Current resident set size in MiB, or NaN where {@code /proc} is not available. */
    public static double rssMb() {
        return field("VmRSS:");
    }

    /** Peak resident set size in MiB since the process started, or NaN. */
    public static double peakRssMb() {
        return field("VmHWM:");
    }

    /**
     * Minor page faults of this process so far (pages first touched or touched again after the allocator gave them
     * back to the system), or NaN where {@code /proc} is not available. Unlike a time, the count of one piece of
     * work hardly moves with the load of the machine.
     */
    public static double minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name, which is in parentheses and may hold spaces: state is field 3, minflt 10
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Garbage collections the JVM has run so far, over all its collectors. */
    public static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String kb = line.substring(name.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
