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
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstantScheduleTest implements LrScheduleContract, PluginProviderContract<LrScheduleProvider> {

    @Override
    public LrSchedule createSchedule() {
        return provider().create(PluginSettings.empty("test"));
    }

    @Override
    public LrScheduleProvider provider() {
        return new ConstantScheduleProvider();
    }

    @Override
    public Class<LrScheduleProvider> kind() {
        return LrScheduleProvider.class;
    }

    @Override
    public void createWithSettings(PluginSettings settings) {
        provider().create(settings);
    }

    @Test
    void isOneAtEveryStep() {
        for (long step : new long[] {0, 1, 50, 100, 150}) {
            assertEquals(1.0, createSchedule().multiplier(step, 100));
        }
        assertEquals(0.2, createSchedule().rate(0.2, 7, 100));
    }

    @Test
    void negativeStepsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> createSchedule().multiplier(-1, 10));
        assertTrue(e.getMessage().contains("step=-1"), e.getMessage());
    }

    @Test
    void settingsAreRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> provider().create(PluginSettings.of("schedule 'constant'", Map.of("warmup", 0.1))));
        assertTrue(e.getMessage().contains("warmup"), e.getMessage());
    }
}
