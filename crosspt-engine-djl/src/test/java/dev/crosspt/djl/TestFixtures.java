package dev.crosspt.djl;

import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.testkit.RepositoryTestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Locates the repository's {@code testdata} folder (the {@code crosspt.testdata} property surefire sets, else the
 * nearest ancestor of the working directory with {@code testdata/fixtures}) and copies fixture checkpoints.
 */
public final class TestFixtures {

    /** The relu fixture: d_model 64, 2+2 layers, tied embeddings with scaled decoder outputs. */
    public static final String RELU = "t5-tiny-relu";

    /** The gated-gelu fixture: d_model 48, 3+2 layers, tied embeddings without scaling. */
    public static final String GATED = "t5-tiny-gated";

    private TestFixtures() {}

    /** The {@code testdata} folder. */
    public static Path root() {
        return RepositoryTestData.root();
    }

    /** A fixture directory, such as {@code t5-tiny-relu}. */
    public static Path fixture(String name) {
        return root().resolve("fixtures").resolve(name);
    }

    /** A fixture's reference outputs ({@code expected.json} sits beside it). */
    public static Path expected(String name) {
        return fixture(name).resolve("expected.safetensors");
    }

    /** One tensor as read from a checkpoint. */
    public record Tensor(long[] shape, float[] values) {}

    /** Every tensor of a fixture's {@code model.safetensors}, in file order, widened to floats. */
    public static Map<String, Tensor> weights(String name) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (SafetensorsFile file = SafetensorsFile.open(fixture(name).resolve("model.safetensors"))) {
            for (TensorInfo info : file.tensors().values()) {
                out.put(info.name(), new Tensor(info.shape(), file.readFloats(info.name())));
            }
        }
        return out;
    }

    /** Writes tensors as one safetensors file, every value stored as {@code storage}. */
    public static void writeWeights(Map<String, Tensor> tensors, Path file, DType storage) {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        tensors.forEach((n, t) -> writer.putFloats(n, t.shape(), t.values(), storage));
        writer.write(file);
    }

    /** Copies the named files of a fixture into {@code dir}. */
    public static void copy(String name, Path dir, String... files) {
        try {
            Files.createDirectories(dir);
            for (String f : files) {
                Files.copy(fixture(name).resolve(f), dir.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same values, every one mapped through {@code f}. */
    public static Map<String, Tensor> map(Map<String, Tensor> tensors, UnaryOperator<Float> f) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((n, t) -> {
            float[] v = t.values().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = f.apply(v[i]);
            }
            out.put(n, new Tensor(t.shape(), v));
        });
        return out;
    }
}
