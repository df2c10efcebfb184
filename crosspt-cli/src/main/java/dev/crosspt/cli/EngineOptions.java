package dev.crosspt.cli;

import ai.djl.Device;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.djl.engine.Devices;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** Where the backbone runs: shared by every command that starts DJL. */
final class EngineOptions {

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu",
            description = "Device for the backbone: auto takes a GPU when DJL sees one (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "PyTorch intra-op threads; 0 keeps PyTorch's default (one per core).")
    int threads;

    /**
     * Sets the thread count to {@code n} unless the command line gave {@code --threads}: for the tiny demo model,
     * whose threads on a busy machine spend their time waiting for each other (measured on the shared 2-core
     * machine at load 9: 30 steps of each demo method took 41 s on 1 thread, 302 s on 2).
     */
    void threadsUnlessGiven(ParseResult parsed, int n) {
        if (!parsed.hasMatchedOption("--threads")) {
            threads = n;
        }
    }

    /**
     * Loads the {@code t5} backbone plugin on this device and thread count.
     *
     * @param model a checkpoint directory or a Hugging Face cache name
     */
    BackboneAdapter loadT5(String model, int maxInputTokens, int maxTargetTokens) {
        BackboneOptions options = new BackboneOptions(model, device, threads, maxInputTokens, maxTargetTokens);
        return Plugins.find(BackboneAdapterProvider.class, "t5").load(options);
    }

    /** Applies the thread count (before the engine starts) and resolves the device. */
    Device start() {
        Devices.setThreads(threads);
        return Devices.choose(device);
    }
}
