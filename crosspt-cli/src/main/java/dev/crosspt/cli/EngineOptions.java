package dev.crosspt.cli;

import ai.djl.Device;
import dev.crosspt.djl.engine.Devices;
import picocli.CommandLine.Option;

/** Where the backbone runs: shared by every command that starts DJL. */
final class EngineOptions {

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu",
            description = "Device for the backbone: auto takes a GPU when DJL sees one (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "PyTorch intra-op threads; 0 keeps PyTorch's default (one per core).")
    int threads;

    /** Applies the thread count (before the engine starts) and resolves the device. */
    Device start() {
        Devices.setThreads(threads);
        return Devices.choose(device);
    }
}
