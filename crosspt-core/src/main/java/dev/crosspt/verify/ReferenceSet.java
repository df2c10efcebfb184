package dev.crosspt.verify;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reference file of outputs computed by transformers ({@code expected.safetensors}), with the texts they came
 * from when an {@code expected.json} sits beside it. Everything is read into memory at load time.
 */
public final class ReferenceSet {

    private final Path file;
    private final Map<String, TensorValue> tensors;
    private final TextInputs texts;

    private ReferenceSet(Path file, Map<String, TensorValue> tensors, TextInputs texts) {
        this.file = file;
        this.tensors = tensors;
        this.texts = texts;
    }

    /**
     * Reads a reference file and, when present, the {@code expected.json} beside it.
     *
     * @throws CheckpointException when either file is unreadable or malformed; the message names the file
     */
    public static ReferenceSet load(Path file) {
        Map<String, TensorValue> tensors = new LinkedHashMap<>();
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            for (TensorInfo info : st.tensors().values()) {
                String name = info.name();
                tensors.put(name, info.dtype().isFloating()
                        ? TensorValue.ofFloats(info.shape(), st.readFloats(name))
                        : TensorValue.ofLongs(info.shape(), st.readLongs(name)));
            }
        }
        Path json = file.resolveSibling("expected.json");
        return new ReferenceSet(file, tensors, Files.isRegularFile(json) ? readTexts(json) : null);
    }

    private static TextInputs readTexts(Path json) {
        try {
            JsonElement root = JsonParser.parseString(Files.readString(json));
            if (!root.isJsonObject()) {
                throw new CheckpointException(json + ": expected a JSON object with \"inputs\" and \"targets\"");
            }
            JsonObject object = root.getAsJsonObject();
            return new TextInputs(strings(json, object, "inputs"), strings(json, object, "targets"));
        } catch (IOException | JsonParseException e) {
            throw new CheckpointException(json + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> strings(Path json, JsonObject object, String field) {
        JsonElement element = object.get(field);
        if (element == null || !element.isJsonArray()) {
            throw new CheckpointException(json + ": field \"" + field + "\" must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        JsonArray array = element.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonElement item = array.get(i);
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw new CheckpointException(json + ": " + field + "[" + i + "] must be a string");
            }
            out.add(item.getAsString());
        }
        return out;
    }

    /** The reference file. */
    public Path file() {
        return file;
    }

    /** The texts from {@code expected.json}, when it was there. */
    public Optional<TextInputs> texts() {
        return Optional.ofNullable(texts);
    }

    /** True when the reference holds this output. */
    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** The named output, or null. */
    public TensorValue get(String name) {
        return tensors.get(name);
    }

    /** Every name in the file, in file order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }
}
