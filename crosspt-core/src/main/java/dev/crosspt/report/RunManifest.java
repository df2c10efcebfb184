package dev.crosspt.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.crosspt.api.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * What produced a run, written next to its results as pretty-printed JSON: settings, seeds, plugin names and
 * the environment (Java, OS, crosspt version, git revision), so that a result can be traced and the run
 * repeated.
 *
 * <pre>{@code
 * RunManifest.create().put("seed", 42).put("config", settings).putEnvironment().write(dir.resolve("manifest.json"));
 * }</pre>
 *
 * <p>Entries keep the order they were put in. Values are converted to JSON when put, so later changes to the
 * caller's collections do not leak in.
 */
public final class RunManifest {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
            .disableHtmlEscaping().create();

    private final JsonObject root = new JsonObject();

    private RunManifest() {
    }

    /**
     * Starts an empty manifest.
     *
     * @return a new manifest
     */
    public static RunManifest create() {
        return new RunManifest();
    }

    /**
     * Adds or replaces one entry.
     *
     * @param key the entry name; not blank
     * @param value a string, number, boolean, enum, path, null, or a map, list or array of those (nested to any
     *     depth); other objects are written field by field
     * @return this manifest
     * @throws IllegalArgumentException if the key is blank or a number is NaN or infinite
     */
    public RunManifest put(String key, Object value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("manifest key must not be blank, got "
                    + (key == null ? "null" : "'" + key + "'"));
        }
        root.add(key, JsonValues.toJson(value, key));
        return this;
    }

    /**
     * Adds the environment: {@code java} (version and vendor), {@code os} (name and version), {@code arch},
     * {@code crosspt_version} (the jar's implementation version, or {@code "development"}),
     * {@code git_revision} (HEAD of the working directory, or {@code "unknown"}), {@code git_dirty} (true,
     * false or {@code "unknown"}) and {@code created} (ISO-8601, UTC). Git is given 5 seconds per question.
     *
     * @return this manifest
     */
    public RunManifest putEnvironment() {
        put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        put("arch", System.getProperty("os.arch"));
        String version = RunManifest.class.getPackage().getImplementationVersion();
        put("crosspt_version", version == null ? "development" : version);
        String revision = GitInfo.revision().orElse(null);
        put("git_revision", revision == null ? "unknown" : revision);
        put("git_dirty", revision == null ? "unknown" : GitInfo.dirty().<Object>map(b -> b).orElse("unknown"));
        put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return this;
    }

    /**
     * The entries as plain Java values, as {@link #read(Path)} would return them after {@link #write(Path)}.
     *
     * @return a new mutable map
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return (Map<String, Object>) JsonValues.fromJson(root);
    }

    /**
     * Writes the manifest as pretty-printed JSON, atomically.
     *
     * @param file the destination; parent directories are created, an existing file is replaced
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void write(Path file) {
        AtomicFiles.writeString(file, GSON.toJson(root) + "\n");
    }

    /**
     * Reads a manifest. Objects become maps, arrays lists, whole numbers {@link Long}s and other numbers
     * {@link Double}s.
     *
     * @param file the JSON file
     * @return the entries, in file order
     * @throws InvalidInputException if the file is missing or is not a JSON object; the message names it
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) {
        Objects.requireNonNull(file, "file");
        String text = TextFiles.read(file);
        if (text.isBlank()) {
            throw new InvalidInputException(file + ": empty file, expected a JSON object");
        }
        JsonElement parsed;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            parsed = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidInputException(file + ": not valid JSON, extra content after the object");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            String why = String.valueOf((e.getCause() != null ? e.getCause() : e).getMessage()).lines()
                    .findFirst().orElse("");
            throw new InvalidInputException(file + ": not valid JSON (" + why + ")", e);
        }
        if (!parsed.isJsonObject()) {
            String got = parsed.isJsonArray() ? "an array" : parsed.isJsonNull() ? "null" : "a single value";
            throw new InvalidInputException(file + ": expected a JSON object, got " + got);
        }
        return (Map<String, Object>) JsonValues.fromJson(parsed);
    }

    /**
     * The manifest as it would be written.
     *
     * @return pretty-printed JSON
     */
    @Override
    public String toString() {
        return GSON.toJson(root);
    }
}
