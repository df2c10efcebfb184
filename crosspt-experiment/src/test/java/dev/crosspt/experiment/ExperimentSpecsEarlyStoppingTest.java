package dev.crosspt.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.train.EarlyStopping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code training.early_stopping}: parsed into the training settings with defaults, carried into every ablation
 * cell, and every bad value named by its path.
 */
class ExperimentSpecsEarlyStoppingTest {

    private static final String SPEC = """
            name: stop
            backbone: {model: some/model}
            data: {dir: testdata/glue-mini, tasks: [rte, mrpc], shots: 2}
            training: {steps: 1200, eval_every: 100, early_stopping: %s}
            grid:
              training.seed: [1, 2]
            """;

    private static ExperimentSpec parse(String earlyStopping) {
        return ExperimentSpecs.parse(SPEC.formatted(earlyStopping), "stop.yaml");
    }

    @Test
    void theRuleIsParsedAndReachesEveryCell() {
        ExperimentSpec spec = parse("{min_steps: 300, patience: 3, smoothing: 3, min_delta: 0.01}");
        EarlyStopping rule = new EarlyStopping(300, 3, 0.01, 3);
        assertEquals(rule, spec.training().earlyStopping());
        assertEquals(rule.toMap(), spec.training().describe().get("early_stopping"));
        List<Ablation.Cell> cells = new Ablation(spec, null).cells();
        for (Ablation.Cell cell : cells) {
            assertEquals(rule, ExperimentSpecs.cell(spec, cell.assignment(), Path.of("out")).training().earlyStopping());
        }
    }

    @Test
    void missingKeysTakeTheirDefaultsAndNoRuleTrainsEveryStep() {
        assertEquals(new EarlyStopping(0, 3, 0, 1), parse("{}").training().earlyStopping());
        assertEquals(new EarlyStopping(0, 5, 0, 1), parse("{patience: 5}").training().earlyStopping());
        ExperimentSpec none = ExperimentSpecs.parse(SPEC.replace(", early_stopping: %s", ""), "none.yaml");
        assertNull(none.training().earlyStopping());
        assertTrue(!none.training().describe().containsKey("early_stopping"));
    }

    @Test
    void aGridCanCompareRules() {
        ExperimentSpec spec = ExperimentSpecs.parse(SPEC.formatted("{patience: 2}").replace("training.seed: [1, 2]",
                "training.early_stopping: [{patience: 2}, {patience: 4, min_steps: 100}]"), "grid.yaml");
        List<Ablation.Cell> cells = new Ablation(spec, null).cells();
        assertEquals(List.of(new EarlyStopping(0, 2, 0, 1), new EarlyStopping(100, 4, 0, 1)), cells.stream()
                .map(c -> ExperimentSpecs.cell(spec, c.assignment(), Path.of("out")).training().earlyStopping())
                .toList());
    }

    @Test
    void aGridCanVaryOneSettingOfTheRule() {
        ExperimentSpec spec = ExperimentSpecs.parse(SPEC.formatted("{min_steps: 300, smoothing: 3}").replace(
                "training.seed: [1, 2]", "training.early_stopping.patience: [2, 5]"), "axis.yaml");
        List<Ablation.Cell> cells = new Ablation(spec, null).cells();
        assertEquals(List.of(new EarlyStopping(300, 2, 0, 3), new EarlyStopping(300, 5, 0, 3)), cells.stream()
                .map(c -> ExperimentSpecs.cell(spec, c.assignment(), Path.of("out")).training().earlyStopping())
                .toList());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(
                SPEC.formatted("{}").replace("training.seed: [1, 2]", "training.early_stopping.patiense: [2, 5]"),
                "typo.yaml"));
        assertTrue(e.getMessage().contains("grid.training.early_stopping.patiense: unknown setting path; did you mean"
                + " 'training.early_stopping.patience'?"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ExperimentSpecs.parse(
                SPEC.formatted("{}").replace("training.seed: [1, 2]", "training.early_stopping.patience: [2, 0]"),
                "zero.yaml"));
        assertTrue(e.getMessage().contains("training.early_stopping.patience: expected a whole number of"
                + " evaluations, 1 or more, got 0"), e.getMessage());
    }

    @Test
    void theDemoStudyTrainsUntilItsDevCurvesFlattenWithinItsCap() throws IOException {
        Path preset = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && preset == null; d = d.getParent()) {
            Path candidate = d.resolve("presets/demo/clusters-study.yaml");
            preset = Files.isRegularFile(candidate) ? candidate : null;
        }
        assertNotNull(preset, "no presets/demo/clusters-study.yaml above " + Path.of("").toAbsolutePath());
        ExperimentSpec spec = ExperimentSpecs.parse(Files.readString(preset), preset.toString());
        assertEquals(new EarlyStopping(300, 3, 0, 3), spec.training().earlyStopping());
        assertEquals(1200, spec.training().steps());
        assertEquals(100, spec.training().evalEvery());
    }

    @Test
    void everyBadValueIsNamedByItsPath() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parse("{min_steps: -1, patience: 0, smoothing: 0.5, min_delta: -0.1, patiense: 3}"));
        String m = e.getMessage();
        assertTrue(m.startsWith("stop.yaml: "), m);
        assertTrue(m.contains("training.early_stopping.min_steps: expected a whole number of steps, 0 or more, got -1"), m);
        assertTrue(m.contains("training.early_stopping.patience: expected a whole number of evaluations, 1 or more, got 0"), m);
        assertTrue(m.contains("training.early_stopping.smoothing: expected a whole number of evaluations, 1 or more, got 0.5"), m);
        assertTrue(m.contains("training.early_stopping.min_delta: expected a number, 0 or more, got -0.1"), m);
        assertTrue(m.contains("training.early_stopping.patiense: unknown key; did you mean 'patience'?"), m);
        e = assertThrows(InvalidInputException.class, () -> parse("300"));
        assertTrue(e.getMessage().contains("training.early_stopping: expected a mapping of settings, got 300"),
                e.getMessage());
    }
}
