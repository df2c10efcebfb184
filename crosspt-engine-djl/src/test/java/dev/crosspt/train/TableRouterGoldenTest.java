package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosspt.api.backbone.BackboneAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code table} router (the default) trains as the trainer did before routers were plugins: the figures below
 * were recorded from commit 0db6202, where the logits were a table inside the trainer. On the machine that recorded
 * them the runs agree bit for bit; another CPU's kernels may move the last digits, hence the tight tolerance.
 */
class TableRouterGoldenTest {

    @AutoClose
    private static BackboneAdapter backbone;

    @BeforeAll
    static void load() {
        backbone = TrainerTestSupport.loadBackbone();
    }

    @Test
    void softmaxSlpTrainsAsBefore() {
        check("softmax SLP", TrainerTestSupport.settings().build(), SOFTMAX_SLP_LOSSES, SOFTMAX_SLP_WEIGHTS);
    }

    @Test
    void relaxedBernoulliSlTrainsAsBefore() {
        check("relaxed-bernoulli SL", TrainerTestSupport.settings().variant(Variant.SL)
                .selector("relaxed-bernoulli", Map.of("temperature", 1)).build(), BERNOULLI_SL_LOSSES, BERNOULLI_SL_WEIGHTS);
    }

    private static void check(String label, TrainingSettings settings, double[] losses, double[] weights) {
        TrainingResult result = TrainerTestSupport.train(backbone, TrainerTestSupport.tasks(), settings);
        double[] gotLosses = result.lossCurve().stream().mapToDouble(p -> p[1]).toArray();
        List<Double> gotWeights = new ArrayList<>();
        for (double[] row : result.routerWeights()) {
            for (double w : row) {
                gotWeights.add(w);
            }
        }
        System.out.println(label + " losses " + java.util.Arrays.toString(gotLosses));
        System.out.println(label + " weights " + gotWeights);
        System.out.println(label + " bit for bit: " + (java.util.Arrays.equals(gotLosses, losses)
                && java.util.Arrays.equals(gotWeights.stream().mapToDouble(Double::doubleValue).toArray(), weights)));
        assertEquals(losses.length, gotLosses.length, label + ": steps");
        for (int i = 0; i < losses.length; i++) {
            assertEquals(losses[i], gotLosses[i], 1e-5 * Math.abs(losses[i]), label + ": loss at step " + (i + 1));
        }
        assertEquals(weights.length, gotWeights.size(), label + ": router weights");
        for (int i = 0; i < weights.length; i++) {
            assertEquals(weights[i], gotWeights.get(i), 1e-5, label + ": router weight " + i);
        }
    }

    private static final double[] SOFTMAX_SLP_LOSSES = {
            7.195174694061279, 7.097097873687744, 6.9580078125, 6.78333044052124, 6.746057510375977,
            6.674781322479248, 6.576164245605469, 6.491090297698975, 6.459813117980957, 6.404769420623779,
            6.23923921585083, 6.359715461730957, 6.255835056304932, 6.231348514556885, 6.098682880401611,
            6.04696798324585, 6.142833709716797, 6.028190612792969, 6.030060768127441, 6.0485053062438965};
    private static final double[] SOFTMAX_SLP_WEIGHTS = {
            0.3333333432674408, 0.3333333432674408, 0.3333333432674408, 0.3333333432674408, 0.3333333432674408,
            0.3333333432674408, 0.3333333432674408, 0.3333333432674408, 0.3333333432674408};
    private static final double[] BERNOULLI_SL_LOSSES = {
            7.194352626800537, 7.038038730621338, 6.965768814086914, 6.775007724761963, 6.752042770385742,
            6.628140926361084, 6.4986066818237305, 6.407440185546875, 6.455763816833496, 6.351275444030762,
            6.234972953796387, 6.303839206695557, 6.213897228240967, 6.211340427398682, 6.056837558746338,
            6.023322105407715, 6.127296447753906, 5.966625690460205, 5.943125247955322, 5.997485637664795};
    private static final double[] BERNOULLI_SL_WEIGHTS = {
            0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
}
