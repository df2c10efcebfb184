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

class LinearWarmupScheduleTest implements LrScheduleContract, PluginProviderContract<LrScheduleProvider> {

    @Override
    public LrSchedule createSchedule() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public LrScheduleProvider provider() {
        return new LinearWarmupScheduleProvider();
    }

    @Override
    public Class<LrScheduleProvider> kind() {
        return LrScheduleProvider.class;
    }

    @Override
    public void createWithSettings(PluginSettings settings) {
        provider().create(settings);
    }

    /** The contract again, with a warm-up longer than some of the contract's runs. */
    @Nested
    class LongWarmup implements LrScheduleContract {
        @Override
        public LrSchedule createSchedule() {
            return create(Map.of("warmup-steps", 50));
        }
    }

    @Test
    void risesFromZeroToOneOverTheWarmupThenFallsToZero() {
        LrSchedule schedule = create(Map.of("warmup", 0.1));
        assertEquals(0.0, schedule.multiplier(0, 100), 1e-12, "first step");
        assertEquals(0.5, schedule.multiplier(5, 100), 1e-12, "middle of the warm-up");
        assertEquals(1.0, schedule.multiplier(10, 100), 1e-12, "end of the warm-up");
        assertEquals(0.5, schedule.multiplier(55, 100), 1e-12, "half-way down");
        assertEquals(0.0, schedule.multiplier(100, 100), 1e-12, "last step");
        assertEquals(0.0, schedule.multiplier(120, 100), 1e-12, "past the end");
    }

    @Test
    void matchesHuggingFaceLinearScheduleWithWarmup() {
        LrSchedule schedule = create(Map.of("warmup-steps", 3));
        double[] expected = {0, 1 / 3.0, 2 / 3.0, 1, 6 / 7.0, 5 / 7.0, 4 / 7.0, 3 / 7.0, 2 / 7.0, 1 / 7.0, 0};
        for (int step = 0; step <= 10; step++) {
            assertEquals(expected[step], schedule.multiplier(step, 10), 1e-12, "step " + step);
        }
    }

    @Test
    void defaultWarmupIsSixPercentRoundedUp() {
        LrSchedule schedule = createSchedule();
        assertEquals(1.0, schedule.multiplier(6, 100), 1e-12);
        assertEquals(5 / 6.0, schedule.multiplier(5, 100), 1e-12);
        assertEquals(0.5, schedule.multiplier(1, 20), 1e-12, "ceil(0.06 * 20) = 2 warm-up steps");
    }

    @Test
    void warmupAsFractionAndAsStepsTogetherIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> create(Map.of("warmup", 0.1, "warmup-steps", 10)));
        assertTrue(e.getMessage().contains("warmup") && e.getMessage().contains("warmup-steps"), e.getMessage());
    }

    @Test
    void badWarmupsAreRejectedNamingTheSetting() {
        for (Map<String, ?> bad : List.<Map<String, ?>>of(Map.of("warmup", 1.0), Map.of("warmup", -0.1),
                Map.of("warmup-steps", -1), Map.of("warmup-steps", 2.5), Map.of("warmpu", 0.1))) {
            String key = bad.keySet().iterator().next();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> create(bad), bad.toString());
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    private static LrSchedule create(Map<String, ?> values) {
        return new LinearWarmupScheduleProvider().create(PluginSettings.of("schedule 'linear-warmup'", values));
    }
}
