package dev.crosspt.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.train.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Specs parse with defaults, and every problem in a file is reported at once with its path. */
class ExperimentSpecsTest {

    private static final String GOOD = """
            name: tiny
            backbone: {model: some/model, max_input_tokens: 64}
            data: {dir: testdata/glue-mini, tasks: [rte, mrpc], shots: 2}
            training: {variant: P, steps: 2, prompt_length: 3, weight_decay: 1.0e-5}
            selector: {name: softmax, temperature: 1, per-source: true}
            grid:
              training.variant: [P, SLP]
              training.seed: [1, 2]
              selector.temperature: [1, 0.5]
            baseline: {training.variant: P}
            """;

    @Test
    void aGoodSpecGetsItsValuesAndTheTrainDefaults() {
        ExperimentSpec spec = ExperimentSpecs.parse(GOOD, "tiny.yaml");
        assertEquals("tiny", spec.name());
        assertEquals(Path.of("runs/tiny"), spec.out());
        assertEquals("t5", spec.backbone().plugin());
        assertEquals(64, spec.backbone().options().maxInputTokens());
        assertEquals(50, spec.backbone().options().maxTargetTokens());
        assertEquals(List.of("rte", "mrpc"), spec.data().tasks());
        assertEquals(123, spec.data().seed());
        assertEquals(Variant.P, spec.training().variant());
        assertEquals(0.1, spec.training().sharedLearningRate());
        assertEquals(123, spec.training().seed());
        assertEquals(1, spec.training().selectorSettings().get("temperature"));
        assertEquals(List.of("training.variant", "training.seed", "selector.temperature"),
                List.copyOf(spec.grid().keySet()));
    }

    @Test
    void everyProblemIsReportedTogetherWithItsPath() {
        String bad = """
                name: bad
                selecter: {name: softmax}
                backbone: {model: m}
                data: {dir: d, shots: 0, labels: fancy}
                training: {steps: -5, shared_lr: fast, varaint: P}
                grid:
                  training.varient: [P, SLP]
                """;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(bad, "bad.yaml"));
        String m = e.getMessage();
        assertTrue(m.startsWith("bad.yaml: "), m);
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains("training.steps: expected a positive whole number, got -5"), m);
        assertTrue(m.contains("selecter: unknown key; did you mean 'selector'?"), m);
        assertTrue(m.contains("grid.training.varient: unknown setting path; did you mean 'training.variant'?"), m);
        assertTrue(m.contains("training.varaint: unknown key; did you mean 'variant'?"), m);
        assertTrue(m.contains("data.shots: expected a positive whole number, got 0"), m);
        assertTrue(m.contains("data.labels: expected natural or synthetic"), m);
        assertTrue(m.contains("training.shared_lr: expected a positive number, got 'fast'"), m);
        assertTrue(m.contains("7 problems"), m);
    }

    @Test
    void anUnknownPluginNameListsTheKnownOnes() {
        String bad = GOOD.replace("name: softmax", "name: softmx");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(bad, "p.yaml"));
        assertTrue(e.getMessage().contains("selector.name: unknown source selector 'softmx'; did you mean 'softmax'?"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Known: "), e.getMessage());
    }

    @Test
    void badGridValuesAndBaselinesAreFound() {
        String bad = GOOD.replace("training.seed: [1, 2]", "training.steps: [2, -1]")
                .replace("baseline: {training.variant: P}", "baseline: {training.variant: SIL, data.shots: 4}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(bad, "g.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("baseline.training.variant: 'SIL' is not one of the grid's values"), m);
        assertTrue(m.contains("baseline.data.shots: not a grid setting"), m);
    }

    @Test
    void aCellValueIsCheckedWhenTheRestIsValid() {
        String bad = GOOD.replace("training.seed: [1, 2]", "training.steps: [2, -1]");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(bad, "g.yaml"));
        assertTrue(e.getMessage().contains("grid.training.steps[1]: training.steps: expected a positive whole number, got -1"),
                e.getMessage());
    }

    @Test
    void everyPresetParsesAndValidates() throws IOException {
        Path presets = repository().resolve("presets");
        List<Path> files;
        try (Stream<Path> s = Files.list(presets)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 3, files::toString);
        for (Path file : files) {
            ExperimentSpec spec = ExperimentSpecs.load(file);
            assertEquals("google-t5/t5-base", spec.backbone().options().model(), file.toString());
            assertEquals(Path.of("data/glue"), spec.data().dir(), file.toString());
            assertFalse(new Ablation(spec, null).cells().isEmpty(), file.toString());
        }
    }

    @Test
    void theGridExpandsInOrderWithMethodLabels() {
        Ablation ablation = new Ablation(ExperimentSpecs.parse(GOOD, "tiny.yaml"), null);
        List<Ablation.Cell> cells = ablation.cells();
        assertEquals(8, cells.size());
        assertEquals("training.variant=P,training.seed=1,selector.temperature=1", cells.get(0).key());
        assertEquals("training.variant=P,training.seed=1,selector.temperature=0.5", cells.get(1).key());
        assertEquals("variant=SLP,temperature=0.5", cells.get(7).method());
    }

    private static Path repository() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("presets"))) {
                return d;
            }
        }
        throw new IllegalStateException("no presets folder above " + Path.of("").toAbsolutePath());
    }
}
