package dev.crosspt.fetch;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which files of a model repo a T5 needs: its config, its tokenizer files and its safetensors weights, never
 * the PyTorch, TensorFlow, Flax or ONNX copies that many repos also hold.
 */
final class T5Files {

    /** The single-file weights. */
    static final String WEIGHTS = "model.safetensors";

    /** The index of sharded weights; the shards it lists are fetched after it. */
    static final String WEIGHTS_INDEX = "model.safetensors.index.json";

    private static final String CONFIG = "config.json";
    private static final String TOKENIZER = "tokenizer.json";

    /** Fetched when the repo has them. */
    private static final List<String> OPTIONAL = List.of("generation_config.json", TOKENIZER,
            "tokenizer_config.json", "spiece.model", "special_tokens_map.json");

    private static final List<String> PYTORCH_WEIGHTS = List.of("pytorch_model.bin", "pytorch_model.bin.index.json");

    /** A repo path for a shard: plain names in plain folders. */
    private static final Pattern REPO_PATH =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private T5Files() {
    }

    /**
     * Chooses the files to fetch (shards excepted) and notes what is missing but not fatal.
     *
     * @param repoId the model name, for messages
     * @param revision the revision asked for, for messages
     * @param info the repo's files
     * @param warnings receives a line for each missing file that crosspt will need later (tokenizer.json)
     * @return the files to fetch, config first and weights last
     * @throws FetchException when there is no config.json, or no safetensors weights (with the conversion
     *     command for repos that only have pytorch_model.bin); nothing has been downloaded at that point
     */
    static List<String> choose(String repoId, String revision, HubRepoInfo info, List<String> warnings) {
        String where = "'" + repoId + "' at revision '" + revision + "'";
        if (!info.has(CONFIG)) {
            throw new FetchException(null, "model " + where + " has no config.json, so it is not a transformers "
                    + "model crosspt can load (files: " + listing(info) + "); nothing was downloaded", null);
        }
        List<String> chosen = new ArrayList<>();
        chosen.add(CONFIG);
        for (String name : OPTIONAL) {
            if (info.has(name)) {
                chosen.add(name);
            }
        }
        if (info.has(WEIGHTS)) {
            chosen.add(WEIGHTS);
        } else if (info.has(WEIGHTS_INDEX)) {
            chosen.add(WEIGHTS_INDEX);
        } else if (PYTORCH_WEIGHTS.stream().anyMatch(info::has)) {
            throw new FetchException(null, "model " + where + " has only PyTorch weights (pytorch_model.bin); "
                    + "crosspt reads safetensors. Nothing was downloaded. Convert it once with transformers: "
                    + "python -c \"from transformers import AutoTokenizer, T5ForConditionalGeneration as M; "
                    + "M.from_pretrained('" + repoId + "').save_pretrained('DIR', safe_serialization=True); "
                    + "AutoTokenizer.from_pretrained('" + repoId + "').save_pretrained('DIR')\" and pass "
                    + "--model DIR (or look on the hub for a safetensors revision of it, often a pull request "
                    + "such as --revision refs/pr/1)", null);
        } else {
            throw new FetchException(null, "model " + where + " has no model.safetensors or "
                    + "model.safetensors.index.json (files: " + listing(info) + "); nothing was downloaded", null);
        }
        if (!info.has(TOKENIZER)) {
            warnings.add("'" + repoId + "' has no tokenizer.json, which crosspt's tokenizer needs; make one with "
                    + "python -c \"from transformers import AutoTokenizer; AutoTokenizer.from_pretrained('"
                    + repoId + "').save_pretrained('DIR')\" and copy DIR/tokenizer.json into the snapshot");
        }
        return chosen;
    }

    private static String listing(HubRepoInfo info) {
        List<String> names = new ArrayList<>(info.files().keySet());
        String shown = names.stream().limit(20).collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names.size() > 20 ? shown + ", ... (" + names.size() + " in all)" : shown;
    }

    /**
     * The shards a safetensors index lists, each checked to be a plain repo path that the repo has.
     *
     * @param repoId the model name, for messages
     * @param info the repo's files
     * @param index the downloaded model.safetensors.index.json
     * @return the shard paths, sorted, without duplicates
     * @throws FetchException if the index is unusable or names a shard the repo lacks or a path that could
     *     leave the snapshot folder
     * @throws IOException if the index cannot be read
     */
    static List<String> shards(String repoId, HubRepoInfo info, Path index) throws IOException {
        String label = repoId + "/" + WEIGHTS_INDEX;
        TreeSet<String> shards = new TreeSet<>();
        try {
            JsonElement map = JsonParser.parseString(Files.readString(index, StandardCharsets.UTF_8))
                    .getAsJsonObject().get("weight_map");
            if (map == null || !map.isJsonObject() || map.getAsJsonObject().isEmpty()) {
                throw new FetchException(null, label + ": no \"weight_map\" of tensors to files", null);
            }
            for (Map.Entry<String, JsonElement> e : map.getAsJsonObject().entrySet()) {
                shards.add(e.getValue().getAsString());
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new FetchException(null, label + ": not a safetensors index (" + e.getMessage() + ")", e);
        }
        for (String shard : shards) {
            if (!REPO_PATH.matcher(shard).matches() || shard.contains("..")) {
                throw new FetchException(null, label + ": shard name '" + shard + "' is not a plain file name", null);
            }
            if (!info.has(shard)) {
                throw new FetchException(null, label + " lists shard '" + shard + "', which the repo does not have",
                        null);
            }
        }
        return new ArrayList<>(shards);
    }
}
