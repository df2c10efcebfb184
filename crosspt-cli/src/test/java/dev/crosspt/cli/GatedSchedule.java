package dev.crosspt.cli;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.schedule.LrSchedule;
import dev.crosspt.api.schedule.LrScheduleProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For the Slurm tests: a constant schedule that, from step {@code hold_from_step} on, waits while the file
 * {@code gate} exists, after creating {@code <gate>.held-<pid>}. A cell then stops at a known point after a
 * checkpoint, so a test can cancel it there without racing the training; without the file it is a plain
 * constant schedule.
 */
public final class GatedSchedule implements LrScheduleProvider {

    @Override
    public String name() {
        return "gated-test";
    }

    @Override
    public String description() {
        return "test only: constant, holding while a gate file exists";
    }

    @Override
    public LrSchedule create(PluginSettings settings) {
        settings.requireOnly("gate", "hold_from_step");
        Path gate = Path.of(settings.getString("gate", "gate"));
        int holdFrom = settings.getInt("hold_from_step", 1);
        Path held = gate.resolveSibling(gate.getFileName() + ".held-" + ProcessHandle.current().pid());
        return (step, total) -> {
            if (step >= holdFrom && Files.exists(gate)) {
                try {
                    Files.writeString(held, "step " + step + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            while (step >= holdFrom && Files.exists(gate)) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return 1.0;
        };
    }
}
