package dev.crosspt.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.train.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void furtherWordsToLeaveOutOfInitialisationAreAList() {
        assertEquals(List.of(), ExperimentSpecs.parse(GOOD, "tiny.yaml").training().initExcludeWords());
        ExperimentSpec spec = ExperimentSpecs.parse(GOOD.replace("weight_decay: 1.0e-5}",
                "weight_decay: 1.0e-5, init_exclude_words: [colour, animal]}"), "tiny.yaml");
        assertEquals(List.of("colour", "animal"), spec.training().initExcludeWords());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(
                GOOD.replace("weight_decay: 1.0e-5}", "weight_decay: 1.0e-5, init_exclude_words: {a: b}}"), "t.yaml"));
        assertTrue(e.getMessage().contains("training.init_exclude_words"), e.getMessage());
    }

    private static final String ARMS = """
            name: arms
            backbone: {model: some/model}
            data: {dir: testdata/glue-mini, tasks: [rte, mrpc], shots: 2}
            training: {steps: 2, prompt_length: 3}
            grid:
              arms:
                - {label: P, training.variant: P, training.private_lr: [0.1, 0.3]}
                - {label: SLP, training.variant: SLP, training.shared_lr: [0.1, 0.3], training.private_lr: 0.05}
              data.shots: [4, 8]
              training.seed: [1, 2]
            baseline: {arm: P}
            """;

    @Test
    void armsExpandIntoCellsThatEachSetTheirArmsSettings() {
        ExperimentSpec spec = ExperimentSpecs.parse(ARMS, "arms.yaml");
        assertEquals(List.of("P", "SLP"), spec.arms().stream().map(Arm::label).toList());
        assertEquals(java.util.Map.of("arm", "P"), spec.baseline());
        List<Ablation.Cell> cells = new Ablation(spec, null).cells();
        // 2 arms x 2 tuning values x 2 shots x 2 seeds
        assertEquals(16, cells.size());
        Ablation.Cell first = cells.get(0);
        assertEquals("arm=P,training.private_lr=0.1,data.shots=4,training.seed=1", first.key());
        assertEquals("arm=P,private_lr=0.1", first.method());
        assertEquals("arm=P", first.label());
        Ablation.Cell slp = cells.get(15);
        assertEquals("arm=SLP,training.shared_lr=0.3,data.shots=8,training.seed=2", slp.key());
        // each cell's spec has its arm's settings, fixed and tuned, and the grid's values
        ExperimentSpec cell = ExperimentSpecs.cell(spec, slp.assignment(), Path.of("out"));
        assertEquals(Variant.SLP, cell.training().variant());
        assertEquals(0.3, cell.training().sharedLearningRate());
        assertEquals(0.05, cell.training().privateLearningRate());
        assertEquals(8, cell.data().shots());
        assertEquals(2, cell.training().seed());
        ExperimentSpec p = ExperimentSpecs.cell(spec, cells.get(4).assignment(), Path.of("out"));
        assertEquals(Variant.P, p.training().variant());
        assertEquals(0.3, p.training().privateLearningRate());
    }

    @Test
    void badArmsAreReportedWithTheirPath() {
        String bad = ARMS.replace("{label: SLP, training.variant: SLP", "{label: P, training.varaint: SLP")
                .replace("baseline: {arm: P}", "baseline: {arm: Q}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(bad, "a.yaml"));
        assertTrue(e.getMessage().contains("grid.arms[1].label: 'P' names two arms"), e.getMessage());
        String worse = ARMS.replace("training.private_lr: 0.05}", "training.private_lr: 0.05, training.varaint: SL}")
                .replace("data.shots: [4, 8]", "training.shared_lr: [1, 2]")
                .replace("baseline: {arm: P}", "baseline: {arm: Q}");
        e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(worse, "a.yaml"));
        assertTrue(e.getMessage().contains("grid.arms[1].training.varaint: unknown setting path"), e.getMessage());
        assertTrue(e.getMessage().contains("grid.arms[SLP].training.shared_lr: also a grid axis"), e.getMessage());
        assertTrue(e.getMessage().contains("baseline.arm: 'Q' is not an arm's label"), e.getMessage());
        String badValue = ARMS.replace("training.private_lr: [0.1, 0.3]", "training.private_lr: [0.1, fast]");
        e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(badValue, "a.yaml"));
        assertTrue(e.getMessage().contains("grid.arms[P]") && e.getMessage().contains("fast"), e.getMessage());
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
            assertTrue(spec.data().dir().startsWith(Path.of("data")), file.toString());
            assertFalse(new Ablation(spec, null).cells().isEmpty(), file.toString());
        }
    }

    @Test
    void theGenerationPresetDecodesWithBeamsAndPerTaskBudgets() {
        ExperimentSpec spec = ExperimentSpecs.load(repository().resolve("presets/open-generation.yaml"));
        assertEquals(new Decoding(4, 1.0, Decoding.EarlyStopping.TRUE, 16), spec.data().decoding());
        assertEquals(Map.of("squad", 16, "xsum", 64), spec.data().maxNewTokens());
        assertEquals(List.of("squad", "xsum"), spec.data().tasks());
        // arms P and SLP, each with two rates to choose from on dev, at three shot counts and three seeds
        assertEquals((2 + 2) * 3 * 3, new Ablation(spec, null).cells().size());
    }

    @Test
    void badDecodingSettingsAreNamedWithTheirPaths() {
        String bad = GOOD.replace("data: {", "data: {num_beams: 0, length_penalty: x, early_stopping: soon, "
                + "max_new_tokens: {squad: -1}, ");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(bad, "b.yaml"));
        for (String path : List.of("data.num_beams", "data.length_penalty", "data.early_stopping",
                "data.max_new_tokens.squad")) {
            assertTrue(e.getMessage().contains(path), path + " in " + e.getMessage());
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
