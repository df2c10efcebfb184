package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.train.MultiTaskTrainer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code onnx} backbone against the {@code t5} backbone on the same fixture: same scores, no training. */
class OnnxAdapterTest {

    private static final List<String> INPUTS = List.of("sst2 sentence: a great film", "is it bad?", "x");
    private static final List<String> CANDIDATES = List.of("positive", "negative", "not sure at all");

    private static BackboneAdapter djl;
    private static BackboneAdapter onnx;

    @BeforeAll
    static void load() {
        BackboneOptions options = new BackboneOptions(CliTestSupport.fixture("t5-tiny-relu").toString(), "cpu", 0,
                64, 8);
        djl = Plugins.find(BackboneAdapterProvider.class, "t5").load(options);
        onnx = Plugins.find(BackboneAdapterProvider.class, "onnx").load(options);
    }

    @AfterAll
    static void close() {
        djl.close();
        onnx.close();
    }

    @Test
    void scoresMatchTheDjlBackbone() {
        try (NDManager djlScope = djl.newScope(); NDManager onnxScope = onnx.newScope()) {
            NDArray djlPrompt = djl.sampleTokenEmbeddings(djlScope, 6, 11);
            NDArray onnxPrompt = onnx.sampleTokenEmbeddings(onnxScope, 6, 11);
            assertArrayClose(djlPrompt.toFloatArray(), onnxPrompt.toFloatArray(), 0f);
            for (boolean prompted : new boolean[] {false, true}) {
                float[][] want = djl.score(djlScope, INPUTS, prompted ? djlPrompt : null, CANDIDATES);
                // the DJL prompt itself (a PyTorch NDArray) is accepted too: read with toFloatArray()
                float[][] got = onnx.score(onnxScope, INPUTS, prompted ? djlPrompt : null, CANDIDATES);
                for (int i = 0; i < want.length; i++) {
                    assertArrayClose(want[i], got[i], 1e-4f);
                }
            }
            float lossDjl = djl.loss(djlScope, INPUTS, CANDIDATES, djlPrompt, false).getFloat();
            float lossOnnx = onnx.loss(onnxScope, INPUTS, CANDIDATES, onnxPrompt, false).getFloat();
            assertEquals(lossDjl, lossOnnx, 1e-4f);
            assertEquals(djl.generate(djlScope, INPUTS, djlPrompt, 5), onnx.generate(onnxScope, INPUTS, onnxPrompt, 5));
        }
    }

    /** Beam search gives the same texts on both engines, for each early-stopping rule and length penalty. */
    @Test
    void beamSearchMatchesTheDjlBackbone() {
        try (NDManager djlScope = djl.newScope(); NDManager onnxScope = onnx.newScope()) {
            NDArray prompt = djl.sampleTokenEmbeddings(djlScope, 4, 5);
            for (Decoding decoding : List.of(new Decoding(3, 1.0, Decoding.EarlyStopping.FALSE, 6),
                    new Decoding(4, 0.5, Decoding.EarlyStopping.NEVER, 5),
                    new Decoding(2, -1.0, Decoding.EarlyStopping.TRUE, 7))) {
                List<String> want = djl.generate(djlScope, INPUTS, prompt, decoding);
                assertEquals(want, onnx.generate(onnxScope, INPUTS, prompt, decoding), decoding.toString());
                assertEquals(INPUTS.size(), want.size());
            }
            // one beam is greedy decoding on both
            assertEquals(djl.generate(djlScope, INPUTS, prompt, 6), onnx.generate(onnxScope, INPUTS, prompt,
                    Decoding.greedy(6)));
        }
    }

    /** Decoder sequences longer than the fixture's max distance (16) exercise the clipped causal bias table. */
    @Test
    void longTargetsAndLongGenerationMatchTheDjlBackbone() {
        BackboneOptions options = new BackboneOptions(CliTestSupport.fixture("t5-tiny-relu").toString(), "cpu", 0,
                64, 64);
        List<String> longTargets = List.of("the film is a gripping and moving portrait of a family across three "
                + "generations, told with patience", "no");
        try (BackboneAdapter longDjl = Plugins.find(BackboneAdapterProvider.class, "t5").load(options);
                BackboneAdapter longOnnx = Plugins.find(BackboneAdapterProvider.class, "onnx").load(options);
                NDManager djlScope = longDjl.newScope();
                NDManager onnxScope = longOnnx.newScope()) {
            NDArray prompt = longDjl.sampleTokenEmbeddings(djlScope, 4, 3);
            float[][] want = longDjl.score(djlScope, INPUTS, prompt, longTargets);
            float[][] got = longOnnx.score(onnxScope, INPUTS, prompt, longTargets);
            for (int i = 0; i < want.length; i++) {
                assertArrayClose(want[i], got[i], 1e-3f);
            }
            List<String> generated = longDjl.generate(djlScope, INPUTS, prompt, 40);
            assertEquals(generated, longOnnx.generate(onnxScope, INPUTS, prompt, 40));
        }
    }

    @Test
    void refusesToTrain() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, onnx::newGradientCollector);
        assertEquals("onnx backbone: ONNX Runtime cannot train; use the t5 backbone for training and onnx for"
                + " evaluation", e.getMessage());
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> new MultiTaskTrainer(onnx, List.of(), null, null, null));
        assertTrue(refused.getMessage().contains("cannot train"), refused.getMessage());
    }

    private static void assertArrayClose(float[] want, float[] got, float tolerance) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tolerance, "element " + i);
        }
    }
}
