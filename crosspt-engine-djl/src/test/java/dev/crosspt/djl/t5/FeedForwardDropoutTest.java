package dev.crosspt.djl.t5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.crosspt.djl.engine.Devices;
import org.junit.jupiter.api.Test;

/**
 * The relu feed-forward's dropout with the 0/1 mask written into the activation's input and the scale moved onto
 * {@code wo}: the same output and the same input gradient as dropout after the activation, for the same draw.
 */
class FeedForwardDropoutTest {

    private static final float RATE = 0.3f;

    @Test
    void maskedInputAndScaledOutputMatchDropoutAfterTheActivation() {
        Engine engine = Engine.getEngine(Devices.ENGINE);
        try (NDManager manager = engine.newBaseManager()) {
            engine.setRandomSeed(3);
            NDArray wi = manager.randomNormal(new Shape(16, 64));
            NDArray wo = manager.randomNormal(new Shape(64, 16));
            NDArray xValues = manager.randomNormal(new Shape(2, 5, 16));
            FeedForwardWeights weights = new FeedForwardWeights(wi, wo);

            float[][] folded = outputAndGradient(engine, manager, xValues,
                    x -> T5Layers.feedForward(x, weights, "relu", false, RATE, true));
            float[][] reference = outputAndGradient(engine, manager, xValues,
                    x -> DropoutNoise.apply(Activation.relu(x.matMul(wi)), RATE).matMul(wo));

            int dropped = 0;
            for (int i = 0; i < reference[0].length; i++) {
                assertEquals(reference[0][i], folded[0][i], 1e-4f * (1 + Math.abs(reference[0][i])), "output " + i);
            }
            for (int i = 0; i < reference[1].length; i++) {
                assertEquals(reference[1][i], folded[1][i], 1e-4f * (1 + Math.abs(reference[1][i])), "gradient " + i);
                dropped += folded[1][i] == 0f ? 1 : 0;
            }
            assertTrue(dropped < reference[1].length, "the gradient reached the input");
            assertSame(weights.outputOverKeep(RATE), weights.outputOverKeep(RATE), "wo / (1 - p) is made once");
        }
    }

    @Test
    void withoutTrainingOrDropoutTheSubLayerIsUnchanged() {
        Engine engine = Engine.getEngine(Devices.ENGINE);
        try (NDManager manager = engine.newBaseManager()) {
            NDArray wi = manager.randomNormal(new Shape(8, 32));
            NDArray wo = manager.randomNormal(new Shape(32, 8));
            NDArray x = manager.randomNormal(new Shape(3, 8));
            FeedForwardWeights weights = new FeedForwardWeights(wi, wo);
            float[] expected = Activation.relu(x.matMul(wi)).matMul(wo).toFloatArray();
            float[] evaluated = T5Layers.feedForward(x, weights, "relu", false, RATE, false).toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], evaluated[i], 1e-5f * (1 + Math.abs(expected[i])), "value " + i);
            }
            assertTrue(weights.scaledOutputs().isEmpty(), "evaluation made no scaled copy");
        }
    }

    /** Output and input gradient of {@code layer}, with the engine's generator at the same seed for each call. */
    private static float[][] outputAndGradient(Engine engine, NDManager manager, NDArray values,
            java.util.function.Function<NDArray, NDArray> layer) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = values.duplicate();
            x.attach(scope);
            x.setRequiresGradient(true);
            engine.setRandomSeed(11);
            float[] output;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray out = layer.apply(x);
                output = out.toFloatArray();
                // a weighted sum, so that every output position sends back a different gradient
                NDArray weightsOfSum = scope.arange((float) out.getShape().size()).reshape(out.getShape());
                collector.backward(out.mul(weightsOfSum).sum());
            }
            try (NDArray gradient = x.getGradient()) {
                return new float[][] {output, gradient.toFloatArray()};
            }
        }
    }
}
