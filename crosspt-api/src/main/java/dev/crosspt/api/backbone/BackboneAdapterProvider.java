package dev.crosspt.api.backbone;

import dev.crosspt.api.plugin.PluginProvider;

/** Loads {@link BackboneAdapter}s; found by {@link java.util.ServiceLoader} under its {@link #name()}. */
public interface BackboneAdapterProvider extends PluginProvider {

    /**
     * Loads a backbone.
     *
     * @throws dev.crosspt.api.InvalidInputException when the model cannot be found or read; the message names the
     *     file and the field or tensor at fault
     */
    BackboneAdapter load(BackboneOptions options);
}
