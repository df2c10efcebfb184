package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterDiagnosticsTest {

    @Test
    void uniformWeightsAreFlatWithKEffectiveCandidates() {
        RouterDiagnostics d = RouterDiagnostics.of(new double[] {0.25, 0.25, 0.25, 0.25}, true);
        assertEquals(Math.log(4), d.entropy(), 1e-12);
        assertEquals(4, d.effectiveCandidates(), 1e-12);
        assertEquals(0.25, d.privateMass(), 1e-12);
        assertTrue(d.flat());
    }

    @Test
    void aPeakedRouterIsNotFlatAndReportsItsPrivateWeight() {
        RouterDiagnostics d = RouterDiagnostics.of(new double[] {0.05, 0.05, 0.1, 0.8}, true);
        double h = -(2 * 0.05 * Math.log(0.05) + 0.1 * Math.log(0.1) + 0.8 * Math.log(0.8));
        assertEquals(h, d.entropy(), 1e-12);
        assertEquals(Math.exp(h), d.effectiveCandidates(), 1e-12);
        assertEquals(0.8, d.privateMass(), 1e-12);
        assertFalse(d.flat());
        // 0.8 / 0.2 has 1.65 effective candidates of 2, below 90%: not flat; one-hot has one effective candidate; without a private prompt, no mass
        assertFalse(RouterDiagnostics.of(new double[] {0.8, 0.2}, false).flat());
        assertTrue(RouterDiagnostics.of(new double[] {0.6, 0.4}, false).flat(), "1.96 of 2");
        assertEquals(1, RouterDiagnostics.of(new double[] {0, 1, 0}, false).effectiveCandidates(), 1e-12);
        assertEquals(0, RouterDiagnostics.of(new double[] {0.5, 0.5}, false).privateMass());
        assertFalse(RouterDiagnostics.of(new double[] {1}, true).flat(), "one candidate: nothing to choose");
    }

    @Test
    void collapseIsEndingBelowStepZeroOrOscillating() {
        assertTrue(RouterDiagnostics.collapsed(List.of(0.5, 0.7, 0.8, 0.45)), "ends below its step-0 score");
        assertFalse(RouterDiagnostics.collapsed(List.of(0.5, 0.6, 0.7, 0.7, 0.72)), "steady rise");
        assertTrue(RouterDiagnostics.collapsed(List.of(0.5, 0.6, 0.8, 0.6, 0.8, 0.6)), "swings up and down");
        assertFalse(RouterDiagnostics.collapsed(List.of(0.5, 0.6, 0.62, 0.6, 0.62, 0.6)), "moves below 0.05 are noise");
        assertFalse(RouterDiagnostics.collapsed(List.of(0.5)), "one evaluation says nothing");
    }
}
