package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A misspelt plugin name in the settings fails before training, naming the closest known plugin. */
class TrainerPluginNamesTest {

    @AutoClose
    private static BackboneAdapter backbone;

    @BeforeAll
    static void load() {
        backbone = TrainerTestSupport.loadBackbone();
    }

    @ParameterizedTest
    @CsvSource({"selector, softmx, softmax", "composer, weighted-sun, weighted-sum", "schedule, cosin, cosine"})
    void anUnknownPluginNamesTheClosestKnownOne(String kind, String typo, String closest) {
        TrainingSettings.Builder builder = TrainerTestSupport.settings();
        switch (kind) {
            case "selector" -> builder.selector(typo, Map.of());
            case "composer" -> builder.composer(typo, Map.of());
            default -> builder.schedule(typo, Map.of());
        }
        TrainingSettings settings = builder.build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new MultiTaskTrainer(backbone, TrainerTestSupport.tasks(), settings, null, TrainingListener.none())
                        .close());
        String message = e.getMessage();
        assertTrue(message.contains("'" + typo + "'"), "names the unknown name: " + message);
        assertTrue(message.contains("did you mean '" + closest + "'"), "names the closest, " + closest + ": " + message);
    }
}
