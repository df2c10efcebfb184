package dev.crosspt.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link TensorStore} over a sharded checkpoint: an index ({@code weight_map}: tensor name to shard file
 * name) and the shard files beside it, each opened once.
 *
 * <p>The index is checked against the shards at open, so a load never discovers half way through that a
 * tensor is missing. Only tensors listed in the index are visible, as in transformers.
 */
final class ShardedTensorStore implements TensorStore {

    /** Name of the single-file checkpoint in a Hugging Face model directory. */
    static final String SINGLE_FILE = "model.safetensors";

    /** Name of the index of a sharded checkpoint in a Hugging Face model directory. */
    static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path index;
    private final Map<String, SafetensorsFile> shardOf;
    private final Map<String, SafetensorsFile> shards;
    private final Map<String, String> metadata;

    private ShardedTensorStore(Path index, Map<String, SafetensorsFile> shardOf,
            Map<String, SafetensorsFile> shards, Map<String, String> metadata) {
        this.index = index;
        this.shardOf = shardOf;
        this.shards = shards;
        this.metadata = metadata;
    }

    /** Reads the index, opens every shard it names and checks that each listed tensor is in its shard. */
    static ShardedTensorStore open(Path index) {
        JsonObject root = readIndex(index);
        JsonElement wm = root.get("weight_map");
        if (wm == null || !wm.isJsonObject()) {
            throw new CheckpointException(index + ": weight_map is " + Json.typeOf(wm)
                    + ", expected an object mapping tensor names to shard file names");
        }
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> shardOf = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, JsonElement> e : wm.getAsJsonObject().entrySet()) {
                String tensor = e.getKey();
                String shardName = shardName(index, tensor, e.getValue());
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    shard = openShard(index, tensor, shardName);
                    shards.put(shardName, shard);
                }
                if (!shard.has(tensor)) {
                    throw new CheckpointException(index + ": tensor '" + tensor + "' is mapped to shard '"
                            + shardName + "', but that shard has no such tensor"
                            + Suggestions.closest(tensor, shard.tensors().keySet()));
                }
                shardOf.put(tensor, shard);
            }
            return new ShardedTensorStore(index, Collections.unmodifiableMap(shardOf),
                    Collections.unmodifiableMap(shards), metadata(root, shards));
        } catch (RuntimeException | Error e) {
            for (SafetensorsFile f : shards.values()) {
                try {
                    f.close();
                } catch (RuntimeException closeError) {
                    e.addSuppressed(closeError);
                }
            }
            throw e;
        }
    }

    private static JsonObject readIndex(Path index) {
        String text;
        try {
            text = Files.readString(index, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(index + ": no such file", e);
        } catch (IOException e) {
            throw new CheckpointException(index + ": cannot read (" + e + ")", e);
        }
        JsonElement root = Json.parse(text, true, index.toString(), null);
        if (!root.isJsonObject()) {
            throw new CheckpointException(index + ": is " + Json.typeOf(root)
                    + ", expected an object with a weight_map");
        }
        return root.getAsJsonObject();
    }

    /** Shard names must be plain file names: an index must not reach files outside its directory. */
    private static String shardName(Path index, String tensor, JsonElement value) {
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new CheckpointException(index + ": weight_map entry for tensor '" + tensor + "' is "
                    + Json.typeOf(value) + ", expected a shard file name");
        }
        String name = value.getAsString();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new CheckpointException(index + ": weight_map entry for tensor '" + tensor + "' is '" + name
                    + "', expected a plain file name in the same directory");
        }
        return name;
    }

    private static SafetensorsFile openShard(Path index, String tensor, String shardName) {
        Path file = index.resolveSibling(shardName);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(index + ": shard '" + shardName + "' (for tensor '" + tensor
                    + "') does not exist, expected " + file);
        }
        return SafetensorsFile.open(file);
    }

    /** The index's own metadata (JSON values as text) first, then shard entries it does not already have. */
    private static Map<String, String> metadata(JsonObject root, Map<String, SafetensorsFile> shards) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonElement meta = root.get("metadata");
        if (meta != null && meta.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : meta.getAsJsonObject().entrySet()) {
                JsonElement v = e.getValue();
                boolean plain = v.isJsonPrimitive();
                out.put(e.getKey(), plain ? v.getAsString() : v.toString());
            }
        }
        for (SafetensorsFile f : shards.values()) {
            f.metadata().forEach(out::putIfAbsent);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Set<String> names() {
        return shardOf.keySet();
    }

    @Override
    public boolean has(String name) {
        return shardOf.containsKey(name);
    }

    private SafetensorsFile shard(String name) {
        SafetensorsFile f = shardOf.get(name);
        if (f == null) {
            throw new CheckpointException(index + ": no tensor '" + name + "'"
                    + Suggestions.closest(name, shardOf.keySet()));
        }
        return f;
    }

    @Override
    public TensorInfo info(String name) {
        return shard(name).info(name);
    }

    @Override
    public float[] readFloats(String name) {
        return shard(name).readFloats(name);
    }

    @Override
    public long[] readLongs(String name) {
        return shard(name).readLongs(name);
    }

    @Override
    public byte[] readBytes(String name, int maxBytes) {
        return shard(name).readBytes(name, maxBytes);
    }

    @Override
    public Path fileOf(String name) {
        return shard(name).path();
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (SafetensorsFile f : shards.values()) {
            try {
                f.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "TensorStore[" + index + ", " + shards.size() + " shards]";
    }
}
