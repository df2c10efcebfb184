package dev.crosspt.data.glue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.crosspt.api.InvalidInputException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The official SQuAD predictions file: one JSON object mapping each question id to the predicted answer text. */
public final class SquadPredictions {

    private SquadPredictions() {
    }

    /**
     * Reads a predictions file.
     *
     * @param file the JSON file, such as {@code {"56be4db0acb8001400a502ec": "Denver Broncos"}}
     * @return the answers by question id, in file order
     * @throws InvalidInputException naming the file and the line (bad JSON) or the id whose value is not a string
     */
    public static Map<String, String> read(Path file) {
        String label = file.toString();
        JsonObject root = SquadFile.parseObject(TextLines.readAll(file, label), label);
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new InvalidInputException(label + ": the prediction for question '" + e.getKey()
                        + "' is " + v + ", expected the answer as a string");
            }
            answers.put(e.getKey(), v.getAsString());
        }
        return Collections.unmodifiableMap(answers);
    }
}
