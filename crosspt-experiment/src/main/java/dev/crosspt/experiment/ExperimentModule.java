package dev.crosspt.experiment;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.crosspt.train.TrainingSettings;

/**
 * An experiment spec as Guice defaults: {@link PluginsModule}'s bindings, with the spec's training, data,
 * backbone and output settings as {@link OptionalBinder#setDefault()}s a user's module can replace.
 */
public final class ExperimentModule extends AbstractModule {

    private final ExperimentSpec spec;

    /** The defaults from this spec. */
    public ExperimentModule(ExperimentSpec spec) {
        this.spec = spec;
    }

    @Override
    protected void configure() {
        install(new PluginsModule());
        OptionalBinder.newOptionalBinder(binder(), TrainingSettings.class).setDefault().toInstance(spec.training());
        OptionalBinder.newOptionalBinder(binder(), DataSettings.class).setDefault().toInstance(spec.data());
        OptionalBinder.newOptionalBinder(binder(), BackboneSpec.class).setDefault().toInstance(spec.backbone());
        OptionalBinder.newOptionalBinder(binder(), OutputDirectory.class).setDefault()
                .toInstance(new OutputDirectory(spec.out()));
    }
}
