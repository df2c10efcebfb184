package dev.crosspt.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.crosspt.train.TrainingSettings;
import dev.crosspt.train.Variant;

/** A user's Guice module for {@code --assembly}: training settings with a single step, overriding the spec's. */
public class StepsOneModule extends AbstractModule {

    /** For --assembly. */
    public StepsOneModule() {}

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), TrainingSettings.class).setBinding().toInstance(
                TrainingSettings.builder().variant(Variant.P).promptLength(3).batchSize(4).steps(1).evalEvery(1)
                        .seed(7).build());
    }
}
