package dev.crosspt.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.experiment.BackboneSpec;
import dev.crosspt.experiment.DataSettings;
import dev.crosspt.experiment.OutputDirectory;
import dev.crosspt.train.TrainingSettings;
import dev.crosspt.train.Variant;
import java.nio.file.Path;
import java.util.List;

/** A user's Guice module that binds a whole experiment, for {@code ./crosspt run --assembly} without a spec. */
public class WholeExperimentModule extends AbstractModule {

    /** Where the test wants the run: set before the command runs. */
    static volatile Path out;

    /** For --assembly. */
    public WholeExperimentModule() {}

    @Override
    protected void configure() {
        Path testdata = CliTestSupport.testdata();
        OptionalBinder.newOptionalBinder(binder(), TrainingSettings.class).setBinding().toInstance(
                TrainingSettings.builder().variant(Variant.SLP).sources(2).promptLength(3).batchSize(4).steps(2)
                        .evalEvery(2).seed(3).build());
        OptionalBinder.newOptionalBinder(binder(), DataSettings.class).setBinding().toInstance(
                new DataSettings(testdata.resolve("glue-mini"), List.of("rte"), 2, false, 123, "natural", true, false));
        OptionalBinder.newOptionalBinder(binder(), BackboneSpec.class).setBinding().toInstance(new BackboneSpec("t5",
                new BackboneOptions(testdata.resolve("fixtures/t5-tiny-relu").toString(), "cpu", 0, 64, 8)));
        OptionalBinder.newOptionalBinder(binder(), OutputDirectory.class).setBinding().toInstance(new OutputDirectory(out));
    }
}
