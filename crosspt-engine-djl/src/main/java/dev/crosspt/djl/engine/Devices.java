package dev.crosspt.djl.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.crosspt.api.InvalidInputException;
import java.util.Locale;

/**
 * Chooses where the backbone runs. {@code auto} takes the first GPU when DJL's PyTorch engine sees one and the
 * CPU otherwise; {@code cpu} and {@code gpu} force a choice. A GPU is only visible when the build leaves the CPU
 * native library out (the {@code gpu} Maven profile), because the CPU library on the class path pins DJL to it.
 */
public final class Devices {

    /** The engine crosspt trains with. */
    public static final String ENGINE = "PyTorch";

    private Devices() {}

    /**
     * Resolves a device preference. Starts the engine, and keeps PyTorch's deprecation warning quiet
     * ({@link TorchWarnings}).
     *
     * @param preference {@code auto}, {@code cpu} or {@code gpu}
     * @throws InvalidInputException for another value, or {@code gpu} when none is visible
     */
    public static Device choose(String preference) {
        String p = preference == null ? "auto" : preference.toLowerCase(Locale.ROOT);
        int gpus = Engine.getEngine(ENGINE).getGpuCount();
        TorchWarnings.silenceDeprecatedGuardWarning();
        switch (p) {
            case "auto":
                return gpus > 0 ? Device.gpu(0) : Device.cpu();
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) {
                    throw new InvalidInputException("--device gpu: DJL sees no GPU (build with -P gpu so that the"
                            + " CPU-only native library is left out, and check the CUDA driver)");
                }
                return Device.gpu(0);
            default:
                throw new InvalidInputException("--device: expected auto, cpu or gpu, got '" + preference + "'");
        }
    }

    /**
     * Sets PyTorch's intra-op thread count. Must run before the engine first starts in this JVM.
     *
     * @param threads a positive count, or 0 to leave PyTorch's default
     */
    public static void setThreads(int threads) {
        if (threads < 0) {
            throw new InvalidInputException("--threads: expected a positive count or 0 for the default, got " + threads);
        }
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
