package dev.crosspt.train;

import ai.djl.ndarray.NDArray;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A training checkpoint in safetensors: parameters ({@code param/<name>}), AdamW state ({@code adam/m/<name>},
 * {@code adam/v/<name>}), and in the metadata the run's settings, tasks, backbone, step, best dev score and
 * curves, so that {@code --resume} continues exactly where the run stopped.
 */
final class TrainingCheckpoint {

    static final String FORMAT = "crosspt-training-checkpoint-1";
    private static final Gson GSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues().create();
    /**
     * The backbone entries that change results, so checkpoints store them and resume compares them (see
     * {@link BackboneAdapter#describe()}): the plugin, the architecture, the weights' fingerprint and the token
     * limits. Every other entry (the model's path, the engine's version, the device, whatever a plugin adds) may
     * differ: a checkpoint may move, a CPU run may go on on a GPU.
     */
    static final List<String> COMPARED_BACKBONE_ENTRIES =
            List.of("backbone", "shape", "weights", "max_input_tokens", "max_target_tokens");

    /**
     * What a checkpoint holds once read.
     *
     * @param backbone the backbone entries that change results, sorted; null in checkpoints written before they
     *     were stored
     */
    record Loaded(
            Map<String, float[]> parameters, Map<String, float[]> optimizer, Map<String, Long> adamSteps, int step,
            int bestStep, double bestScore, List<double[]> lossCurve, List<double[]> devCurve,
            String settingsJson, List<String> tasks, Map<String, String> backbone,
            Map<String, List<double[]>> taskCurves) {}

    private TrainingCheckpoint() {}

    static void write(Path file, Map<String, NDArray> parameters, AdamW optimizer, int step, int bestStep,
            double bestScore, List<double[]> lossCurve, List<double[]> devCurve, Map<String, List<double[]>> taskCurves,
            TrainingSettings settings, List<String> tasks, Map<String, String> backbone) {
        SafetensorsWriter writer = new SafetensorsWriter()
                .metadata("format", FORMAT)
                .metadata("step", Integer.toString(step))
                .metadata("best_step", Integer.toString(bestStep))
                .metadata("best_score", Double.toString(bestScore))
                .metadata("adam_steps", GSON.toJson(optimizer.steps()))
                .metadata("loss_curve", GSON.toJson(lossCurve))
                .metadata("dev_curve", GSON.toJson(devCurve))
                .metadata("task_curves", GSON.toJson(taskCurves))
                .metadata("settings", settingsJson(settings))
                .metadata("tasks", GSON.toJson(tasks))
                .metadata("backbone", GSON.toJson(backbone));
        parameters.forEach((name, array) -> put(writer, "param/" + name, array));
        optimizer.state().forEach((name, array) -> put(writer, "adam/" + name, array));
        writer.write(file);
    }

    /**
     * The settings as stored in a checkpoint, for comparison on resume. Early stopping is left out: it changes no
     * step, only where training ends, so a run may resume under another rule (more patience, say) and earlier
     * checkpoints, written without one, still resume.
     */
    static String settingsJson(TrainingSettings settings) {
        Map<String, Object> described = settings.describe();
        described.remove("early_stopping");
        return GSON.toJson(described);
    }

    /**
     * The {@link #COMPARED_BACKBONE_ENTRIES} of the backbone's {@link BackboneAdapter#describe()} that it reports,
     * as stored in a checkpoint for comparison on resume; sorted, so that the text is the same in every JVM
     * whatever the adapter's map order.
     */
    static Map<String, String> backboneSettings(BackboneAdapter backbone) {
        Map<String, String> described = backbone.describe();
        Map<String, String> settings = new TreeMap<>();
        for (String key : COMPARED_BACKBONE_ENTRIES) {
            String value = described.get(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return Collections.unmodifiableMap(settings);
    }

    /**
     * Each compared backbone entry whose saved and current values differ, as {@code key: saved X, current Y}
     * ({@code current none} for an entry the backbone no longer reports); empty when they agree. Entries the
     * checkpoint lacks are not compared (see {@link #uncomparedBackboneEntries}), nor are saved entries outside
     * {@link #COMPARED_BACKBONE_ENTRIES}.
     */
    static List<String> backboneDifferences(Map<String, String> saved, Map<String, String> current) {
        List<String> differences = new ArrayList<>();
        for (String key : new TreeSet<>(COMPARED_BACKBONE_ENTRIES)) {
            String before = saved.get(key);
            String now = current.getOrDefault(key, "none");
            if (before != null && !before.equals(now)) {
                differences.add(key + ": saved " + before + ", current " + now);
            }
        }
        return differences;
    }

    /**
     * The compared entries the current backbone reports but the checkpoint lacks (it was written before they were
     * stored: {@code weights}, say), which resume therefore cannot compare; sorted.
     */
    static List<String> uncomparedBackboneEntries(Map<String, String> saved, Map<String, String> current) {
        return new TreeSet<>(COMPARED_BACKBONE_ENTRIES).stream()
                .filter(key -> !saved.containsKey(key) && current.containsKey(key))
                .toList();
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
                    GSON.fromJson(field(file, meta, "tasks"), new TypeToken<List<String>>() {}.getType()),
                    backbone(meta), taskCurves(meta));
        } catch (NumberFormatException | JsonParseException e) {
            throw new CheckpointException(file + ": corrupt checkpoint metadata (" + e.getMessage() + ")", e);
        }
    }

    /** Each task's dev and router curves, or none for a checkpoint written before they were stored. */
    private static Map<String, List<double[]>> taskCurves(Map<String, String> meta) {
        String json = meta.get("task_curves");
        return json == null ? Map.of()
                : GSON.fromJson(json, new TypeToken<java.util.LinkedHashMap<String, List<double[]>>>() {}.getType());
    }

    /** The stored backbone entries, or null for a checkpoint written before they were stored. */
    private static Map<String, String> backbone(Map<String, String> meta) {
        String json = meta.get("backbone");
        if (json == null) {
            return null;
        }
        Map<String, String> saved = GSON.fromJson(json, new TypeToken<Map<String, String>>() {}.getType());
        if (saved == null) {
            throw new JsonParseException("'backbone' is null");
        }
        return Collections.unmodifiableMap(new TreeMap<>(saved));
    }

    private static String field(Path file, Map<String, String> meta, String key) {
        String value = meta.get(key);
        if (value == null) {
            throw new CheckpointException(file + ": checkpoint metadata lacks '" + key + "'");
        }
        return value;
    }
}
