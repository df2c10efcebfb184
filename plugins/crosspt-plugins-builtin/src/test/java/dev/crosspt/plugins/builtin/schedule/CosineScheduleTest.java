package dev.crosspt.plugins.builtin.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.schedule.LrSchedule;
import dev.crosspt.api.schedule.LrScheduleProvider;
import dev.crosspt.testkit.LrScheduleContract;
import dev.crosspt.testkit.PluginProviderContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CosineScheduleTest implements LrScheduleContract, PluginProviderContract<LrScheduleProvider> {

    @Override
    public LrSchedule createSchedule() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public LrScheduleProvider provider() {
        return new CosineScheduleProvider();
    }

    @Override
    public Class<LrScheduleProvider> kind() {
        return LrScheduleProvider.class;
    }

    @Override
    public void createWithSettings(PluginSettings settings) {
        provider().create(settings);
    }

    /** The contract again, with a warm-up and a floor. */
    @Nested
    class WarmupAndFloor implements LrScheduleContract {
        @Override
        public LrSchedule createSchedule() {
            return create(Map.of("warmup", 0.2, "min", 0.1));
        }
    }

    @Test
    void startsAtOneHalvesAtTheMidpointAndEndsAtZero() {
        LrSchedule schedule = createSchedule();
        assertEquals(1.0, schedule.multiplier(0, 100), 1e-12);
        assertEquals(0.5, schedule.multiplier(50, 100), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.25)), schedule.multiplier(25, 100), 1e-12);
        assertEquals(0.0, schedule.multiplier(100, 100), 1e-12);
    }

    @Test
    void warmsUpThenDecaysToTheFloor() {
        LrSchedule schedule = create(Map.of("warmup-steps", 10, "min", 0.2));
        assertEquals(0.0, schedule.multiplier(0, 110), 1e-12);
        assertEquals(0.5, schedule.multiplier(5, 110), 1e-12);
        assertEquals(1.0, schedule.multiplier(10, 110), 1e-12);
        assertEquals(0.2 + 0.8 * 0.5, schedule.multiplier(60, 110), 1e-12);
        assertEquals(0.2, schedule.multiplier(110, 110), 1e-12);
        assertEquals(0.2, schedule.multiplier(200, 110), 1e-12, "stays at the floor past the end");
    }

    @Test
    void badSettingsAreRejectedNamingThem() {
        for (Map<String, ?> bad : List.<Map<String, ?>>of(Map.of("min", 1.5), Map.of("min", "low"), Map.of("warmup", 1),
                Map.of("cycles", 2))) {
            String key = bad.keySet().iterator().next();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> create(bad), bad.toString());
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    private static LrSchedule create(Map<String, ?> values) {
        return new CosineScheduleProvider().create(PluginSettings.of("schedule 'cosine'", values));
    }
}
