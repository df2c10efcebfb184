package dev.crosspt.djl.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.djl.TestFixtures;
import dev.crosspt.djl.t5.T5Backbone;
import dev.crosspt.verify.CheckStatus;
import dev.crosspt.verify.OutputCheck;
import dev.crosspt.verify.ReferenceSet;
import dev.crosspt.verify.Verification;
import dev.crosspt.verify.VerificationReport;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both fixtures reproduce every output transformers computed for them, none left unchecked. */
class FixtureParityTest {

    @ParameterizedTest
    @ValueSource(strings = {TestFixtures.RELU, TestFixtures.GATED})
    void everyOutputMatchesTransformers(String fixture) {
        VerificationReport report;
        try (T5Backbone backbone = T5Backbone.load(TestFixtures.fixture(fixture))) {
            report = Verification.run(ReferenceSet.load(TestFixtures.expected(fixture)),
                    new DjlReferenceEngine(backbone), Verification.DEFAULT_TOLERANCE);
        }
        String table = report.render();
        assertTrue(report.passed(), () -> fixture + ":\n" + table);
        assertEquals(Verification.OUTPUTS, report.checks().stream().map(OutputCheck::name).toList(), table);
        Map<String, OutputCheck> byName =
                report.checks().stream().collect(Collectors.toMap(OutputCheck::name, Function.identity()));
        List<String> lines = table.lines().toList();
        for (String output : Verification.OUTPUTS) {
            String line = lines.stream().filter(l -> l.startsWith(output + " ")).findFirst().orElse("(no line)");
            assertEquals(CheckStatus.PASS, byName.get(output).status(), () -> fixture + ": " + line + "\n" + table);
        }
        assertTrue(report.ignored().isEmpty(), () -> fixture + ": unrecognised outputs " + report.ignored());
    }
}
