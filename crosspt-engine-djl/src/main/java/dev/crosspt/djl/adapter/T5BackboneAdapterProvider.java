package dev.crosspt.djl.adapter;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.djl.t5.T5Backbone;

/** Provides the {@code t5} backbone: T5 v1.0, v1.1 and flan checkpoints in the Hugging Face layout, on DJL. */
public final class T5BackboneAdapterProvider implements BackboneAdapterProvider {

    @Override
    public String name() {
        return "t5";
    }

    @Override
    public String description() {
        return "Frozen T5 (v1.0, v1.1, flan) from a Hugging Face checkpoint, on DJL's PyTorch engine";
    }

    @Override
    public BackboneAdapter load(BackboneOptions options) {
        Devices.setThreads(options.threads());
        var directory = HfCache.resolveModel(options.model(), System.getenv());
        return new T5BackboneAdapter(T5Backbone.load(directory, Devices.choose(options.device())), options);
    }
}
