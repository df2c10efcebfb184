package dev.crosspt.onnx.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.checkpoint.TensorStore;
import dev.crosspt.train.MultiTaskTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code onnx} backbone plugin: inference through the adapter contract, and a clear refusal to train. */
class OnnxBackboneAdapterTest {

    private static BackboneAdapter adapter;
    private static Path model;

    @BeforeAll
    static void load() {
        model = fixture();
        BackboneAdapterProvider provider = ServiceLoader.load(BackboneAdapterProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("onnx")).findFirst().orElseThrow();
        assertEquals("Frozen T5 exported to ONNX, evaluated with ONNX Runtime (inference only)",
                provider.description());
        adapter = provider.load(new BackboneOptions(model.toString(), "cpu", 1, 64, 8));
    }

    @AfterAll
    static void close() {
        adapter.close();
    }

    private static Path fixture() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata/fixtures/t5-tiny-relu");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of(System.getProperty("crosspt.testdata"), "fixtures", "t5-tiny-relu");
    }

    @Test
    void cannotTrain() {
        assertFalse(adapter.supportsTraining());
        UnsupportedOperationException e =
                assertThrows(UnsupportedOperationException.class, adapter::newGradientCollector);
        assertEquals("onnx backbone: ONNX Runtime cannot train; use the t5 backbone for training and onnx for"
                + " evaluation", e.getMessage());
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> new MultiTaskTrainer(adapter, List.of(), null, null, null));
        assertTrue(refused.getMessage().contains("cannot train"), refused.getMessage());
        assertTrue(refused.getMessage().contains("onnx"), refused.getMessage());
    }

    @Test
    void lossScoreAndGenerateWorkWithPrompts() {
        try (NDManager scope = adapter.newScope()) {
            NDArray prompt = adapter.sampleTokenEmbeddings(scope, 4, 7);
            assertEquals(new Shape(4, adapter.embeddingDim()), prompt.getShape());
            NDArray loss = adapter.loss(scope, List.of("a b c", "hello"), List.of("yes", "no"), prompt, false);
            assertEquals(new Shape(), loss.getShape());
            assertTrue(Float.isFinite(loss.getFloat()) && loss.getFloat() > 0);
            float[][] scores = adapter.score(scope, List.of("a b c", "hello"), prompt, List.of("yes", "no", "maybe"));
            assertEquals(2, scores.length);
            assertEquals(3, scores[0].length);
            assertTrue(scores[0][0] < 0);
            float[] one = prompt.toFloatArray();
            float[] two = Arrays.copyOf(one, 2 * one.length);
            System.arraycopy(one, 0, two, one.length, one.length);
            NDArray perExample = scope.create(two, new Shape(2, 4, adapter.embeddingDim()));
            float[][] again = adapter.score(scope, List.of("a b c", "hello"), perExample, List.of("yes", "no", "maybe"));
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(scores[i], again[i], 1e-5f);
            }
            List<String> out = adapter.generate(scope, List.of("a b c", "hello"), prompt, 3);
            assertEquals(2, out.size());
        }
    }

    @Test
    void sampledEmbeddingsAreSharedWeightRows() {
        float[] shared;
        try (TensorStore store = TensorStore.open(model)) {
            shared = store.readFloats("shared.weight");
        }
        int d = adapter.embeddingDim();
        try (NDManager scope = adapter.newScope()) {
            float[] rows = adapter.sampleTokenEmbeddings(scope, 5, 3).toFloatArray();
            for (int i = 0; i < 5; i++) {
                float[] row = Arrays.copyOfRange(rows, i * d, (i + 1) * d);
                boolean found = false;
                for (int id = 3; id < shared.length / d && !found; id++) {
                    found = Arrays.equals(row, Arrays.copyOfRange(shared, id * d, (id + 1) * d));
                }
                assertTrue(found, "row " + i + " is not a shared.weight row with id >= 3");
            }
        }
        assertEquals("onnx", adapter.describe().get("backbone"));
    }
}
