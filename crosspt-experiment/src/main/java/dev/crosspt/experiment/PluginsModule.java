package dev.crosspt.experiment;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.api.schedule.LrScheduleProvider;
import dev.crosspt.api.select.SourceSelectorProvider;
import dev.crosspt.train.TrainingSettings;

/**
 * The bindings every experiment has, with no values: one {@link MapBinder} per SPI (short name to provider),
 * filled from {@link java.util.ServiceLoader}, and the optional settings an experiment reads
 * ({@link TrainingSettings}, {@link DataSettings}, {@link BackboneSpec}, {@link OutputDirectory}), which
 * {@link ExperimentModule} gives defaults from a spec and a user's module may set with
 * {@code OptionalBinder.newOptionalBinder(binder(), X.class).setBinding()} (or, without a spec, a plain
 * {@code bind}).
 *
 * <p>A user's module may add its own plugins with {@code MapBinder.newMapBinder(binder(), String.class,
 * SourceSelectorProvider.class).addBinding("mine")}; a name found twice fails when the injector is created.
 */
public final class PluginsModule extends AbstractModule {

    @Override
    protected void configure() {
        providers(RouterProvider.class);
        providers(SourceSelectorProvider.class);
        providers(PromptComposerProvider.class);
        providers(LrScheduleProvider.class);
        providers(BackboneAdapterProvider.class);
        OptionalBinder.newOptionalBinder(binder(), TrainingSettings.class);
        OptionalBinder.newOptionalBinder(binder(), DataSettings.class);
        OptionalBinder.newOptionalBinder(binder(), BackboneSpec.class);
        OptionalBinder.newOptionalBinder(binder(), OutputDirectory.class);
    }

    private <P extends PluginProvider> void providers(Class<P> kind) {
        MapBinder<String, P> map = MapBinder.newMapBinder(binder(), String.class, kind);
        Plugins.all(kind).forEach((name, provider) -> map.addBinding(name).toInstance(provider));
    }

    @Override
    public boolean equals(Object o) {
        // installed by several modules, configured once
        return o instanceof PluginsModule;
    }

    @Override
    public int hashCode() {
        return PluginsModule.class.hashCode();
    }
}
