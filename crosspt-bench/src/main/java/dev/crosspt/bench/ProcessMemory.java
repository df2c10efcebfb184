package dev.crosspt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory as Linux reports it in {@code /proc/self/status} (native memory included). */
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
