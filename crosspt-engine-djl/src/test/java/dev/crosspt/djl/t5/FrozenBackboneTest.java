package dev.crosspt.djl.t5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.checkpoint.RandomT5Checkpoint;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.djl.TestFixtures;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.verify.ReferenceSet;
import dev.crosspt.verify.TensorValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the soft prompt learns: the backbone stays frozen, deterministic in evaluation, and leak-free over steps. */
class FrozenBackboneTest {

    @AutoClose
    private static T5Backbone backbone;

    private static ReferenceSet reference;

    @BeforeAll
    static void load() {
        backbone = T5Backbone.load(TestFixtures.fixture(TestFixtures.RELU));
        reference = ReferenceSet.load(TestFixtures.expected(TestFixtures.RELU));
    }

    @Test
    void backwardReachesThePromptButNoBackboneWeight() {
        List<NDArray> weights = weightArrays(backbone.model().weights());
        assertTrue(weights.size() > 20, "found only " + weights.size() + " weight arrays");
        try (NDManager scope = backbone.newScope()) {
            NDArray prompt = floats(scope, reference.get("prompt"));
            prompt.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine(Devices.ENGINE).newGradientCollector()) {
                collector.backward(backbone.loss(ids(scope), mask(scope), prompt, labels(scope), true));
            }
            float[] gradient;
            try (NDArray g = prompt.getGradient()) {
                assertEquals(prompt.getShape(), g.getShape());
                gradient = g.toFloatArray();
            }
            double norm = 0;
            for (float v : gradient) {
                assertTrue(Float.isFinite(v), "non-finite gradient");
                norm += (double) v * v;
            }
            assertTrue(norm > 0, "the prompt got a zero gradient");
            // dropout_rate is 0 in the fixture, so training mode gives transformers' gradient
            float[] expected = reference.get("prompt_grad").floats();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], gradient[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "prompt_grad[" + i + "]");
            }
        }
        for (int i = 0; i < weights.size(); i++) {
            assertFalse(weights.get(i).hasGradient(), "backbone weight #" + i + " " + weights.get(i).getShape()
                    + " requires a gradient");
        }
    }

    @Test
    void dropoutActsOnlyWhenTraining(@TempDir Path dir) {
        T5Config config = new T5Config(64, 16, 4, 32, 2, 1, 4, 8, 16, 0.5, 1e-6, "relu", false, true, true, 0, 0, 1);
        try (T5Backbone model = T5Backbone.load(RandomT5Checkpoint.of(config, 11).write(dir));
                NDManager scope = model.newScope()) {
            NDArray ids = scope.create(new long[] {5, 9, 13, 2, 1, 0, 7, 30, 41, 22, 3, 1}, new Shape(2, 6));
            NDArray mask = scope.create(new long[] {1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1}, new Shape(2, 6));
            NDArray labels = scope.create(new long[] {8, 4, 1, 19, 1, -100}, new Shape(2, 3));
            float[] eval1 = model.logits(ids, mask, null, labels, false).toFloatArray();
            float[] eval2 = model.logits(ids, mask, null, labels, false).toFloatArray();
            float[] train1 = model.logits(ids, mask, null, labels, true).toFloatArray();
            float[] train2 = model.logits(ids, mask, null, labels, true).toFloatArray();
            assertArrayEquals(eval1, eval2, "evaluation must be deterministic");
            assertFalse(Arrays.equals(eval1, train1), "dropout 0.5 had no effect in training mode");
            assertFalse(Arrays.equals(train1, train2), "dropout drew the same mask twice");
        }
    }

    @Test
    void evaluationOfTheFixtureIsRepeatable() {
        try (NDManager scope = backbone.newScope()) {
            NDArray prompt = floats(scope, reference.get("prompt"));
            float[] first = backbone.logits(ids(scope), mask(scope), prompt, labels(scope), false).toFloatArray();
            float[] second = backbone.logits(ids(scope), mask(scope), prompt, labels(scope), false).toFloatArray();
            assertArrayEquals(first, second);
        }
    }

    @Test
    void trainingStepsLeaveNothingInThePromptsManager() {
        try (NDManager params = backbone.newScope()) {
            NDArray prompt = floats(params, reference.get("prompt"));
            prompt.setRequiresGradient(true);
            float[] initial = prompt.toFloatArray();
            int afterFirst = -1;
            for (int step = 0; step < 50; step++) {
                try (NDManager scope = backbone.newScope()) {
                    try (GradientCollector collector = Engine.getEngine(Devices.ENGINE).newGradientCollector()) {
                        collector.backward(backbone.loss(ids(scope), mask(scope), prompt, labels(scope), true));
                    }
                    NDArray gradient = prompt.getGradient();
                    gradient.attach(scope);
                    prompt.subi(gradient.mul(0.1f));
                    gradient.subi(gradient); // zero the accumulated gradient in place
                }
                int managed = params.getManagedArrays().size();
                if (step == 0) {
                    afterFirst = managed;
                } else {
                    assertEquals(afterFirst, managed, "arrays in the prompt's manager after step " + (step + 1));
                }
            }
            assertFalse(Arrays.equals(initial, prompt.toFloatArray()), "the prompt never changed");
        }
    }

    /** Every NDArray the model computes with. */
    static List<NDArray> weightArrays(T5Weights w) {
        List<NDArray> out = new ArrayList<>(List.of(w.embeddings, w.lmHead, w.encoderPositionBias,
                w.decoderPositionBias, w.encoderFinalNorm, w.decoderFinalNorm));
        for (EncoderLayerWeights layer : w.encoder) {
            out.add(layer.selfAttentionNorm());
            addAttention(out, layer.selfAttention());
            out.add(layer.feedForwardNorm());
            out.add(layer.feedForward().input());
            out.add(layer.feedForward().output());
        }
        for (DecoderLayerWeights layer : w.decoder) {
            out.add(layer.selfAttentionNorm());
            addAttention(out, layer.selfAttention());
            out.add(layer.crossAttentionNorm());
            addAttention(out, layer.crossAttention());
            out.add(layer.feedForwardNorm());
            out.add(layer.feedForward().input());
            out.add(layer.feedForward().output());
        }
        return out;
    }

    private static void addAttention(List<NDArray> out, AttentionWeights a) {
        for (NDArray x : new NDArray[] {a.query(), a.keyValue(), a.queryKeyValue(), a.output()}) {
            if (x != null) {
                out.add(x);
            }
        }
    }

    private static NDArray ids(NDManager scope) {
        return longs(scope, reference.get("input_ids"));
    }

    private static NDArray mask(NDManager scope) {
        return longs(scope, reference.get("attention_mask"));
    }

    private static NDArray labels(NDManager scope) {
        return longs(scope, reference.get("labels"));
    }

    private static NDArray longs(NDManager scope, TensorValue value) {
        return scope.create(value.longs(), new Shape(value.shape()));
    }

    private static NDArray floats(NDManager scope, TensorValue value) {
        return scope.create(value.floats(), new Shape(value.shape()));
    }
}
