package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.djl.TestFixtures;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.djl.t5.T5Backbone;
import dev.crosspt.verify.ReferenceSet;
import dev.crosspt.verify.TensorValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection between forward and backward must not change the prompt's gradient. DJL's scalar overloads
 * ({@code x.mul(0.5f)}) hand autograd a tensor over a Java direct buffer that a collection can free before the
 * backward pass reads it (see {@link dev.crosspt.api.NDScopes}); the gated fixture's gelu_new is full of such
 * constants, so its reference gradient catches one that slips back in.
 */
class GradientSurvivesGcTest {

    @AutoClose
    private static T5Backbone backbone;

    private static ReferenceSet reference;

    @BeforeAll
    static void load() {
        backbone = T5Backbone.load(TestFixtures.fixture(TestFixtures.GATED));
        reference = ReferenceSet.load(TestFixtures.expected(TestFixtures.GATED));
    }

    @Test
    void thePromptGradientMatchesTransformersAfterCollectionsBetweenForwardAndBackward() {
        float[] expected = reference.get("prompt_grad").floats();
        float[] gradient;
        try (NDManager scope = backbone.newScope()) {
            NDArray prompt = floats(scope, reference.get("prompt"));
            prompt.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine(Devices.ENGINE).newGradientCollector()) {
                NDArray loss = backbone.loss(longs(scope, "input_ids"), longs(scope, "attention_mask"), prompt,
                        longs(scope, "labels"), true);
                churnMemory();
                collector.backward(loss);
            }
            try (NDArray g = prompt.getGradient()) {
                gradient = g.toFloatArray();
            }
        }
        assertEquals(expected.length, gradient.length);
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            norm += (double) gradient[i] * gradient[i];
            assertEquals(expected[i], gradient[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "prompt_grad[" + i + "]");
        }
        assertTrue(norm > 0, "zero gradient");
    }

    /** Several collections, with ~50 MB of heap and direct garbage in between to reuse whatever was freed. */
    private static void churnMemory() {
        long checksum = 0;
        for (int round = 0; round < 3; round++) {
            System.gc();
            List<Object> garbage = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] heap = new byte[4 << 20];
                heap[i] = (byte) round;
                garbage.add(heap);
                ByteBuffer direct = ByteBuffer.allocateDirect(1 << 20);
                while (direct.remaining() >= Float.BYTES) {
                    direct.putFloat(1e10f);
                }
                garbage.add(direct);
            }
            checksum += garbage.size();
            garbage.clear();
            System.gc();
        }
        assertEquals(48, checksum);
    }

    private static NDArray longs(NDManager scope, String name) {
        TensorValue value = reference.get(name);
        return scope.create(value.longs(), new Shape(value.shape()));
    }

    private static NDArray floats(NDManager scope, TensorValue value) {
        return scope.create(value.floats(), new Shape(value.shape()));
    }
}
