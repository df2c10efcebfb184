package dev.crosspt.train;

import dev.crosspt.api.compose.PromptComposer;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.api.schedule.LrSchedule;
import dev.crosspt.api.schedule.LrScheduleProvider;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;

/**
 * The plugins a training run's settings name, created with their settings: what the trainer uses, and what a
 * command creates before it writes anything so that a misspelt name or setting fails first.
 *
 * @param selector the source selector
 * @param composer the prompt composer
 * @param schedule the learning-rate schedule
 * @param router the router that gives the selector its logits
 */
public record TrainingPlugins(SourceSelector selector, PromptComposer composer, LrSchedule schedule, Router router) {

    /**
     * Creates each plugin the settings name from the given source.
     *
     * @throws dev.crosspt.api.InvalidInputException naming the plugin and setting, for an unknown name or a bad
     *     setting
     */
    public static TrainingPlugins create(PluginSource plugins, TrainingSettings settings) {
        return new TrainingPlugins(
                plugins.provider(SourceSelectorProvider.class, settings.selector())
                        .create(PluginSettings.of("selector '" + settings.selector() + "'", settings.selectorSettings())),
                plugins.provider(PromptComposerProvider.class, settings.composer())
                        .create(PluginSettings.of("composer '" + settings.composer() + "'", settings.composerSettings())),
                plugins.provider(LrScheduleProvider.class, settings.schedule())
                        .create(PluginSettings.of("schedule '" + settings.schedule() + "'", settings.scheduleSettings())),
                plugins.provider(RouterProvider.class, settings.router())
                        .create(PluginSettings.of("router '" + settings.router() + "'", settings.routerSettings())));
    }
}
