package dev.crosspt.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The page-fault count that bench backbone reports per step. */
class ProcessMemoryTest {

    @Test
    void touchingFreshMemoryCountsMinorFaults() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        double before = ProcessMemory.minorFaults();
        ByteBuffer fresh = ByteBuffer.allocateDirect(32 << 20); // zeroed, so every page is touched
        for (int i = 0; i < fresh.capacity(); i += 4096) {
            fresh.put(i, (byte) 1);
        }
        double after = ProcessMemory.minorFaults();
        // 8,192 pages of 4 KiB; fewer faults only where the system hands out huge pages
        assertTrue(after - before >= 16, "faults " + before + " -> " + after);
    }
}
