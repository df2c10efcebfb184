package dev.crosspt.experiment;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.api.schedule.LrScheduleProvider;
import dev.crosspt.api.select.SourceSelectorProvider;
import dev.crosspt.run.DatasetRun;
import dev.crosspt.run.DatasetRunSettings;
import dev.crosspt.run.PreparedTask;
import dev.crosspt.train.PluginSource;
import dev.crosspt.train.TrainingListener;
import dev.crosspt.train.TrainingResult;
import dev.crosspt.train.TrainingSettings;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One experiment, as the injector assembled it: the data prepared by {@link DatasetRun}, the backbone loaded by
 * the provider the {@link BackboneSpec} names, trained and reported by {@link DatasetRun}.
 */
public final class Experiment {

    private final DataSettings data;
    private final TrainingSettings training;
    private final BackboneSpec backbone;
    private final OutputDirectory out;
    private final Map<String, BackboneAdapterProvider> backbones;
    private final Map<String, SourceSelectorProvider> selectors;
    private final Map<String, PromptComposerProvider> composers;
    private final Map<String, LrScheduleProvider> schedules;
    private final Map<String, RouterProvider> routers;

    /** Everything an experiment needs, from the injector. */
    @Inject
    public Experiment(DataSettings data, TrainingSettings training, BackboneSpec backbone, OutputDirectory out,
            Map<String, BackboneAdapterProvider> backbones, Map<String, SourceSelectorProvider> selectors,
            Map<String, PromptComposerProvider> composers, Map<String, LrScheduleProvider> schedules,
            Map<String, RouterProvider> routers) {
        this.data = data;
        this.training = training;
        this.backbone = backbone;
        this.out = out;
        this.backbones = backbones;
        this.selectors = selectors;
        this.composers = composers;
        this.schedules = schedules;
        this.routers = routers;
    }

    /** The training settings in effect (the spec's, or the user's module's). */
    public TrainingSettings training() {
        return training;
    }

    /** The data settings in effect. */
    public DataSettings data() {
        return data;
    }

    /** The run directory. */
    public OutputDirectory out() {
        return out;
    }

    /** The settings {@link DatasetRun} runs with. */
    public DatasetRunSettings runSettings() {
        return runSettings(out.path());
    }

    private DatasetRunSettings runSettings(Path runDir) {
        return new DatasetRunSettings(data.dir(), data.tasks(), data.shots(), data.perLabel(), data.seed(),
                data.labels(), data.prefix(), data.generate(), training, runDir, data.decoding(),
                data.maxNewTokens());
    }

    /**
     * Prepares the data, loads the backbone, trains and writes the run directory.
     *
     * @throws InvalidInputException for a plugin name no provider has, or bad data
     */
    public TrainingResult run(TrainingListener listener) {
        return run(listener, false);
    }

    /**
     * As {@link #run(TrainingListener)}; with {@code resume}, training continues from the run directory's last
     * checkpoint.
     */
    public TrainingResult run(TrainingListener listener, boolean resume) {
        return run(listener, resume, out.path());
    }

    /**
     * As {@link #run(TrainingListener, boolean)}, writing into {@code runDir} instead of {@link #out()} (a staging
     * directory that replaces the run directory once the run has finished).
     */
    public TrainingResult run(TrainingListener listener, boolean resume, Path runDir) {
        requireKnown("selector", training.selector(), selectors);
        requireKnown("composer", training.composer(), composers);
        requireKnown("schedule", training.schedule(), schedules);
        requireKnown("router", training.router(), routers);
        BackboneAdapterProvider provider = requireKnown("backbone plugin", backbone.plugin(), backbones);
        DatasetRun run = new DatasetRun(runSettings(runDir));
        List<PreparedTask> prepared = run.prepare();
        if (provider == null) {
            // a fully-qualified class name, resolved the way every plugin name is
            provider = Plugins.find(BackboneAdapterProvider.class, backbone.plugin());
        }
        try (BackboneAdapter adapter = provider.load(backbone.options())) {
            return run.run(adapter, prepared, listener, resume, pluginSource());
        }
    }

    /** The injector's plugin bindings, so that a plugin a user's module adds reaches the trainer. */
    private PluginSource pluginSource() {
        Map<Class<?>, Map<String, ? extends PluginProvider>> bound = Map.of(
                SourceSelectorProvider.class, selectors, PromptComposerProvider.class, composers,
                LrScheduleProvider.class, schedules, RouterProvider.class, routers, BackboneAdapterProvider.class,
                backbones);
        return new PluginSource() {
            @Override
            public <P extends PluginProvider> P provider(Class<P> kind, String name) {
                PluginProvider provider = bound.getOrDefault(kind, Map.of()).get(name);
                // a fully-qualified class name resolves as everywhere else
                return provider != null ? kind.cast(provider) : Plugins.find(kind, name);
            }
        };
    }

    private static <P> P requireKnown(String what, String name, Map<String, P> known) {
        P provider = known.get(name);
        if (provider == null && (name == null || !name.contains("."))) {
            throw new InvalidInputException("unknown " + what + " '" + name + "'; known: "
                    + String.join(", ", known.keySet()));
        }
        return provider;
    }
}
