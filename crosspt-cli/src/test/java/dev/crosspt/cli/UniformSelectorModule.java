package dev.crosspt.cli;

import ai.djl.ndarray.NDArray;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;
import dev.crosspt.train.TrainingSettings;
import dev.crosspt.train.Variant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user's Guice module that contributes a selector only through a MapBinder (no ServiceLoader line) and
 * trains with it: the proof that a module's plugins reach the training loop.
 */
public class UniformSelectorModule extends AbstractModule {

    /** How often the contributed selector was asked for weights. */
    static final AtomicInteger CALLS = new AtomicInteger();

    /** For --assembly. */
    public UniformSelectorModule() {}

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, SourceSelectorProvider.class)
                .addBinding("uniform-test").toInstance(new UniformProvider());
        OptionalBinder.newOptionalBinder(binder(), TrainingSettings.class).setBinding().toInstance(
                TrainingSettings.builder().variant(Variant.SLP).sources(2).promptLength(3).batchSize(4).steps(2)
                        .evalEvery(2).selector("uniform-test", Map.of()).build());
    }

    /** Equal weights for every candidate. */
    static final class UniformProvider implements SourceSelectorProvider {
        @Override
        public String name() {
            return "uniform-test";
        }

        @Override
        public String description() {
            return "equal weights (test only)";
        }

        @Override
        public SourceSelector create(PluginSettings settings) {
            return (logits, context) -> {
                CALLS.incrementAndGet();
                NDArray zeros = logits.zerosLike();
                return zeros.add(logits).sub(logits).softmax(1);
            };
        }
    }
}
