package dev.crosspt.experiment;

import dev.crosspt.api.backbone.BackboneOptions;

/**
 * Which backbone plugin loads the model, and with what options.
 *
 * @param plugin the backbone plugin's short name, e.g. {@code t5}
 * @param options the model and its limits
 */
public record BackboneSpec(String plugin, BackboneOptions options) {}
