package dev.crosspt.testkit;

import ai.djl.ndarray.NDArray;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;

/** A correct selector (plain softmax) and its registered provider, the baseline the broken ones differ from. */
public final class SoftmaxForTests implements SourceSelector {

    @Override
    public NDArray select(NDArray logits, SelectionContext context) {
        NDArray view = logits.reshape(logits.getShape());
        view.attach(context.scope());
        return view.softmax(1);
    }

    /** Registered in this module's test META-INF/services. */
    public static final class Provider implements SourceSelectorProvider {

        /** For ServiceLoader. */
        public Provider() {}

        @Override
        public String name() {
            return "softmax-for-tests";
        }

        @Override
        public String description() {
            return "plain softmax, for the testkit's own tests";
        }

        @Override
        public SourceSelector create(PluginSettings settings) {
            settings.requireOnly();
            return new SoftmaxForTests();
        }
    }
}
