package dev.crosspt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemorySoakTest {

    @Test
    void baselineIsTheFirstReadAfterTheSettlingCollections() {
        MemorySoak soak = MemorySoak.of(1000, List.of(new MemorySoak.Read(100, 260, 1),
                new MemorySoak.Read(200, 280, 2), new MemorySoak.Read(300, 281, 5), new MemorySoak.Read(1000, 283, 9)));
        assertEquals(200, soak.baselineStep());
        assertEquals(283.0 / 280 - 1, soak.growth(), 1e-12);
    }

    @Test
    void withoutCollectionsTheFirstReadIsTheBaseline() {
        MemorySoak soak = MemorySoak.of(1000, List.of(new MemorySoak.Read(100, 260, 0),
                new MemorySoak.Read(200, 270, 1), new MemorySoak.Read(1000, 286, 1)));
        assertEquals(100, soak.baselineStep());
        assertEquals(0.1, soak.growth(), 1e-12);
    }

    @Test
    void theLastReadIsNeverItsOwnBaseline() {
        MemorySoak soak = MemorySoak.of(1000, List.of(new MemorySoak.Read(100, 260, 0),
                new MemorySoak.Read(1000, 286, 3)));
        assertEquals(100, soak.baselineStep());
    }

    @Test
    void oneReadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MemorySoak.of(10, List.of(new MemorySoak.Read(10, 1, 0))));
    }
}
