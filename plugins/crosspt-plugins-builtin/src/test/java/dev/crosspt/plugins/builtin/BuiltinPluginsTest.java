package dev.crosspt.plugins.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.api.schedule.LrScheduleProvider;
import dev.crosspt.api.select.SourceSelectorProvider;
import dev.crosspt.plugins.builtin.compose.WeightedSumComposerProvider;
import dev.crosspt.plugins.builtin.select.SoftmaxSelectorProvider;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-ins as the framework finds them: every name registered once, unknown names helped. */
class BuiltinPluginsTest {

    @Test
    void everyBuiltinIsRegisteredUnderItsName() {
        assertEquals(Set.of("softmax", "topk", "relaxed-bernoulli", "learned-pruning"),
                Plugins.all(SourceSelectorProvider.class).keySet());
        assertEquals(Set.of("weighted-sum", "concat"), Plugins.all(PromptComposerProvider.class).keySet());
        assertEquals(Set.of("constant", "linear-warmup", "cosine"), Plugins.all(LrScheduleProvider.class).keySet());
        assertEquals(Set.of("table", "linear", "mlp", "instance"), Plugins.all(RouterProvider.class).keySet());
    }

    @Test
    void aTypoListsTheKnownNamesAndSuggestsTheClosest() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Plugins.find(SourceSelectorProvider.class, "softmx"));
        assertTrue(e.getMessage().contains("did you mean 'softmax'?"), e.getMessage());
        assertTrue(e.getMessage().contains("learned-pruning, relaxed-bernoulli, softmax, topk"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Plugins.find(PromptComposerProvider.class, "weighted_sum"));
        assertTrue(e.getMessage().contains("did you mean 'weighted-sum'?"), e.getMessage());
    }

    @Test
    void aProviderClassNameAlsoResolves() {
        assertInstanceOf(SoftmaxSelectorProvider.class,
                Plugins.find(SourceSelectorProvider.class, SoftmaxSelectorProvider.class.getName()));
        assertInstanceOf(WeightedSumComposerProvider.class,
                Plugins.find(PromptComposerProvider.class, WeightedSumComposerProvider.class.getName()));
    }
}
