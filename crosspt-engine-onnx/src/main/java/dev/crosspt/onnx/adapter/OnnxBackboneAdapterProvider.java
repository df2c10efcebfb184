package dev.crosspt.onnx.adapter;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.onnx.OnnxT5Backbone;
import java.nio.file.Path;

/** Provides the {@code onnx} backbone: a frozen T5 checkpoint exported to ONNX, evaluated with ONNX Runtime. */
public final class OnnxBackboneAdapterProvider implements BackboneAdapterProvider {

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public String description() {
        return "Frozen T5 exported to ONNX, evaluated with ONNX Runtime (inference only)";
    }

    @Override
    public BackboneAdapter load(BackboneOptions options) {
        Path directory = HfCache.resolveModel(options.model(), System.getenv());
        return new OnnxBackboneAdapter(OnnxT5Backbone.load(directory, options.threads()), options);
    }
}
