package dev.crosspt.train;

import ai.djl.ndarray.NDArray;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.TensorInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint in safetensors: parameters ({@code param/<name>}), AdamW state ({@code adam/m/<name>},
 * {@code adam/v/<name>}), and in the metadata the run's settings, tasks, step, best dev score and curves, so
 * that {@code --resume} continues exactly where the run stopped.
 */
final class TrainingCheckpoint {

    static final String FORMAT = "crosspt-training-checkpoint-1";
    private static final Gson GSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues().create();

    /** What a checkpoint holds once read. */
    record Loaded(
            Map<String, float[]> parameters, Map<String, float[]> optimizer, Map<String, Long> adamSteps, int step,
            int bestStep, double bestScore, List<double[]> lossCurve, List<double[]> devCurve,
            String settingsJson, List<String> tasks) {}

    private TrainingCheckpoint() {}

    static void write(Path file, Map<String, NDArray> parameters, AdamW optimizer, int step, int bestStep,
            double bestScore, List<double[]> lossCurve, List<double[]> devCurve, TrainingSettings settings,
            List<String> tasks) {
        SafetensorsWriter writer = new SafetensorsWriter()
                .metadata("format", FORMAT)
                .metadata("step", Integer.toString(step))
                .metadata("best_step", Integer.toString(bestStep))
                .metadata("best_score", Double.toString(bestScore))
                .metadata("adam_steps", GSON.toJson(optimizer.steps()))
                .metadata("loss_curve", GSON.toJson(lossCurve))
                .metadata("dev_curve", GSON.toJson(devCurve))
                .metadata("settings", settingsJson(settings))
                .metadata("tasks", GSON.toJson(tasks));
        parameters.forEach((name, array) -> put(writer, "param/" + name, array));
        optimizer.state().forEach((name, array) -> put(writer, "adam/" + name, array));
        writer.write(file);
    }

    /** The settings as stored in a checkpoint, for comparison on resume. */
    static String settingsJson(TrainingSettings settings) {
        return GSON.toJson(settings.describe());
    }

    private static void put(SafetensorsWriter writer, String name, NDArray array) {
        writer.putFloats(name, array.getShape().getShape(), array.toFloatArray(), DType.F32);
    }

    static Loaded read(Path file) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            Map<String, String> meta = st.metadata();
            if (!FORMAT.equals(meta.get("format"))) {
                throw new CheckpointException(file + ": not a crosspt training checkpoint (metadata 'format' is "
                        + meta.get("format") + ", expected " + FORMAT + ")");
            }
            Map<String, float[]> parameters = new LinkedHashMap<>();
            Map<String, float[]> optimizer = new LinkedHashMap<>();
            for (TensorInfo info : st.tensors().values()) {
                if (info.name().startsWith("param/")) {
                    parameters.put(info.name().substring(6), st.readFloats(info.name()));
                } else if (info.name().startsWith("adam/")) {
                    optimizer.put(info.name().substring(5), st.readFloats(info.name()));
                }
            }
            return new Loaded(parameters, optimizer,
                    GSON.fromJson(field(file, meta, "adam_steps"), new TypeToken<Map<String, Long>>() {}.getType()),
                    Integer.parseInt(field(file, meta, "step")), Integer.parseInt(field(file, meta, "best_step")),
                    Double.parseDouble(field(file, meta, "best_score")),
                    GSON.fromJson(field(file, meta, "loss_curve"), new TypeToken<List<double[]>>() {}.getType()),
                    GSON.fromJson(field(file, meta, "dev_curve"), new TypeToken<List<double[]>>() {}.getType()),
                    field(file, meta, "settings"),
                    GSON.fromJson(field(file, meta, "tasks"), new TypeToken<List<String>>() {}.getType()));
        } catch (NumberFormatException | JsonParseException e) {
            throw new CheckpointException(file + ": corrupt checkpoint metadata (" + e.getMessage() + ")", e);
        }
    }

    private static String field(Path file, Map<String, String> meta, String key) {
        String value = meta.get(key);
        if (value == null) {
            throw new CheckpointException(file + ": checkpoint metadata lacks '" + key + "'");
        }
        return value;
    }
}
