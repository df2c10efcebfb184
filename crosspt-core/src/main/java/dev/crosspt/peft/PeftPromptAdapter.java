package dev.crosspt.peft;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.reflect.TypeToken;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.report.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a crosspt soft prompt as a Hugging Face PEFT prompt-tuning adapter, and reads one back, without an
 * engine or Python.
 *
 * <h2>What PEFT stores, from its source (huggingface/peft)</h2>
 * <ul>
 *   <li>{@code src/peft/config.py}: {@code PeftConfig} holds {@code base_model_name_or_path}, {@code revision},
 *       {@code peft_type}, {@code task_type}, {@code inference_mode}; {@code PromptLearningConfig} adds
 *       {@code num_virtual_tokens}, {@code token_dim}, {@code num_transformer_submodules},
 *       {@code num_attention_heads}, {@code num_layers}. {@code save_pretrained} writes the dataclass as
 *       {@code adapter_config.json} with {@code json.dumps(indent=2, sort_keys=True)};
 *       {@code from_peft_type} picks the config class from {@code peft_type} (the only key it insists on)
 *       and calls it with every key of the file. Recent versions drop unknown keys with a warning; the
 *       versions without that fallback raise {@code TypeError}, so this class writes only fields every
 *       {@code PromptTuningConfig} knows.</li>
 *   <li>{@code src/peft/tuners/prompt_tuning/config.py}: {@code PromptTuningConfig} sets
 *       {@code peft_type = PROMPT_TUNING} and adds {@code prompt_tuning_init} ({@code "RANDOM"} by default;
 *       {@code "TEXT"} would demand a tokenizer and an init text).</li>
 *   <li>{@code src/peft/tuners/prompt_tuning/model.py}: {@code PromptEmbedding} is one
 *       {@code torch.nn.Embedding(num_virtual_tokens * num_transformer_submodules, token_dim)}; with
 *       {@code inference_mode} no initialisation runs.</li>
 *   <li>{@code src/peft/utils/save_and_load.py}: for prompt learning, {@code get_peft_model_state_dict}
 *       saves exactly one tensor, {@code "prompt_embeddings"}, the embedding weight of shape
 *       {@code [num_virtual_tokens * num_transformer_submodules, token_dim]};
 *       {@code set_peft_model_state_dict} loads it with {@code embedding.load_state_dict({"weight": ...},
 *       strict=True)}, so any other shape fails; {@code load_peft_weights} prefers
 *       {@code adapter_model.safetensors} over {@code adapter_model.bin}.</li>
 *   <li>{@code src/peft/peft_model.py}: {@code _setup_prompt_encoder} sets
 *       {@code num_transformer_submodules} to 2 for {@code SEQ_2_SEQ_LM} <em>only when it is null</em>.
 *       {@code PeftModelForSeq2SeqLM.forward} prepends rows {@code [0, n)} to the encoder's
 *       {@code inputs_embeds} (and ones to the attention mask) and, for prompt tuning, leaves the decoder
 *       alone whatever the count (so since PEFT 0.4: rows {@code [n, 2n)} of a 2-submodule prompt are allocated
 *       and never used). {@code generate} also prepends only rows {@code [0, n)} to the encoder.
 *       {@code src/peft/utils/other.py} {@code _prepare_prompt_learning_config} fills a null
 *       {@code token_dim}, {@code num_layers} and {@code num_attention_heads} from the model's config
 *       ({@code d_model}, {@code num_layers}, {@code num_heads} for T5).</li>
 * </ul>
 *
 * <h2>The export</h2>
 * CrossPT prepends its prompt to the encoder input only, so the export writes
 * {@code num_transformer_submodules = 1}: PEFT honours it for seq2seq, and then
 * {@code PeftModel.from_pretrained(T5ForConditionalGeneration..., dir)} prepends our prompt to the encoder
 * input and nothing to the decoder, in both {@code forward} and {@code generate}. The default of 2 would not
 * fit: PEFT would expect twice the rows, of which it uses only the first half. {@code inference_mode} is true,
 * so PEFT uses the stored weight as is. The config holds exactly {@link #CONFIG_KEYS}.
 *
 * <h2>The import</h2>
 * Only {@code PROMPT_TUNING} adapters are read. A 2-submodule adapter (PEFT's seq2seq default) holds twice the
 * rows; the first block, the one PEFT prepends to the encoder input, is returned, and a warning says the second
 * block (allocated but unused by PEFT's prompt tuning) was dropped.
 */
public final class PeftPromptAdapter {

    /** PEFT's config file name ({@code CONFIG_NAME}). */
    public static final String CONFIG_FILE = "adapter_config.json";

    /** PEFT's weights file name ({@code SAFETENSORS_WEIGHTS_NAME}). */
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";

    /** PEFT's pickled weights file name ({@code WEIGHTS_NAME}), which this class does not read. */
    static final String PICKLE_WEIGHTS_FILE = "adapter_model.bin";

    /** The tensor that holds the prompt. */
    public static final String TENSOR = "prompt_embeddings";

    /** The {@code peft_type} of prompt tuning. */
    public static final String PROMPT_TUNING = "PROMPT_TUNING";

    /** The {@code task_type} of encoder-decoder generation, which T5 is. */
    public static final String SEQ_2_SEQ_LM = "SEQ_2_SEQ_LM";

    /** The keys {@link #export} writes to {@code adapter_config.json}, all known to every PromptTuningConfig. */
    public static final Set<String> CONFIG_KEYS = Set.of("base_model_name_or_path", "inference_mode",
            "num_attention_heads", "num_layers", "num_transformer_submodules", "num_virtual_tokens", "peft_type",
            "prompt_tuning_init", "revision", "task_type", "token_dim");

    /** The keys a caller may set through {@code extraConfig}; each takes a string or null. */
    public static final Set<String> EXTRA_KEYS = Set.of("base_model_name_or_path", "revision");

    private static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting().disableHtmlEscaping()
            .create();

    private PeftPromptAdapter() {
    }

    /**
     * Writes a prompt as a PEFT adapter without model details: {@code num_attention_heads} and
     * {@code num_layers} are null, which PEFT fills from the base model's config when it loads.
     *
     * @param dir the adapter directory, created if missing
     * @param prompt {@code length * dim} floats in row-major order, one row per virtual token
     * @param length the number of virtual tokens
     * @param dim the width of each token, the model's {@code d_model}
     * @param extraConfig values for {@link #EXTRA_KEYS}, such as {@code base_model_name_or_path}; may be null
     * @throws IllegalArgumentException as {@link #export(Path, float[], int, int, T5Config, Map)}
     */
    public static void export(Path dir, float[] prompt, int length, int dim, Map<String, Object> extraConfig) {
        export(dir, prompt, length, dim, null, extraConfig);
    }

    /**
     * Writes a prompt as a PEFT adapter: {@value #WEIGHTS_FILE} with the F32 tensor {@value #TENSOR} of shape
     * {@code [length, dim]}, then {@value #CONFIG_FILE}, each atomically. The weights go first, so the config
     * never names weights that are not there yet.
     *
     * @param dir the adapter directory, created if missing; existing adapter files are replaced
     * @param prompt {@code length * dim} floats in row-major order, one row per virtual token
     * @param length the number of virtual tokens
     * @param dim the width of each token, the model's {@code d_model}
     * @param model the base model's configuration, giving {@code num_attention_heads} and {@code num_layers};
     *     null to leave them for PEFT to fill
     * @param extraConfig values for {@link #EXTRA_KEYS}, such as {@code base_model_name_or_path}; may be null
     * @throws IllegalArgumentException if {@code length} or {@code dim} is not positive, the prompt does not
     *     hold {@code length * dim} values, a value is not finite, {@code dim} differs from the model's
     *     {@code d_model}, or {@code extraConfig} has another key or a non-string value; the message names it
     * @throws UncheckedIOException or {@link dev.crosspt.checkpoint.CheckpointException} if a file cannot be
     *     written; the message names it
     */
    public static void export(Path dir, float[] prompt, int length, int dim, T5Config model,
            Map<String, Object> extraConfig) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(prompt, "prompt");
        if (length <= 0 || dim <= 0) {
            throw new IllegalArgumentException("prompt length and dim must be positive, got length " + length
                    + " and dim " + dim);
        }
        if ((long) length * dim != prompt.length) {
            throw new IllegalArgumentException("prompt holds " + prompt.length + " values, expected length "
                    + length + " * dim " + dim + " = " + (long) length * dim);
        }
        for (int i = 0; i < prompt.length; i++) {
            if (!Float.isFinite(prompt[i])) {
                throw new IllegalArgumentException("prompt value at token " + i / dim + ", component " + i % dim
                        + " is " + prompt[i] + ", expected a finite number");
            }
        }
        if (model != null && model.dModel() != dim) {
            throw new IllegalArgumentException("prompt dim " + dim + " differs from the model's d_model "
                    + model.dModel());
        }
        String json = configJson(length, dim, model, extraConfig == null ? Map.of() : extraConfig);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create the adapter directory (" + e + ")", e);
        }
        new SafetensorsWriter()
                .metadata("format", "pt")
                .putFloats(TENSOR, new long[] {length, dim}, prompt, DType.F32)
                .write(dir.resolve(WEIGHTS_FILE));
        AtomicFiles.writeString(dir.resolve(CONFIG_FILE), json);
    }

    private static String configJson(int length, int dim, T5Config model, Map<String, Object> extra) {
        TreeMap<String, JsonElement> fields = new TreeMap<>(); // sorted, as PEFT's sort_keys=True writes it
        fields.put("base_model_name_or_path", JsonNull.INSTANCE);
        fields.put("revision", JsonNull.INSTANCE);
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            if (!EXTRA_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("extraConfig key '" + e.getKey() + "' is not supported; "
                        + "allowed: " + new TreeSet<>(EXTRA_KEYS) + " (other keys would break loading in PEFT "
                        + "versions that reject unknown config fields, or would contradict the prompt)");
            }
            Object v = e.getValue();
            if (v != null && !(v instanceof String)) {
                throw new IllegalArgumentException("extraConfig '" + e.getKey() + "' must be a string or null, "
                        + "got " + v.getClass().getSimpleName() + " " + v);
            }
            fields.put(e.getKey(), v == null ? JsonNull.INSTANCE : new JsonPrimitive((String) v));
        }
        fields.put("peft_type", new JsonPrimitive(PROMPT_TUNING));
        fields.put("task_type", new JsonPrimitive(SEQ_2_SEQ_LM));
        fields.put("inference_mode", new JsonPrimitive(true));
        fields.put("prompt_tuning_init", new JsonPrimitive("RANDOM"));
        fields.put("num_virtual_tokens", new JsonPrimitive(length));
        fields.put("token_dim", new JsonPrimitive(dim));
        fields.put("num_transformer_submodules", new JsonPrimitive(1)); // encoder only, see the class javadoc
        fields.put("num_attention_heads", model == null ? JsonNull.INSTANCE : new JsonPrimitive(model.numHeads()));
        fields.put("num_layers", model == null ? JsonNull.INSTANCE : new JsonPrimitive(model.numLayers()));
        JsonObject o = new JsonObject();
        fields.forEach(o::add);
        return GSON.toJson(o) + "\n";
    }

    /**
     * Reads a PEFT prompt-tuning adapter directory.
     *
     * @param dir the directory holding {@value #CONFIG_FILE} and {@value #WEIGHTS_FILE}
     * @return the encoder prompt, its shape, the whole config and any warnings
     * @throws InvalidInputException if a file is missing or unreadable, the config is not a JSON object, its
     *     {@code peft_type} is not {@code PROMPT_TUNING}, a shape field is missing or invalid, or the tensor is
     *     missing, not floating-point or has another shape; the message names the file, the field or tensor,
     *     and what was expected and found
     */
    public static ImportedPrompt read(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path configFile = dir.resolve(CONFIG_FILE);
        JsonObject cfg = readConfig(configFile);
        List<String> warnings = new ArrayList<>();

        JsonElement type = cfg.get("peft_type");
        if (type == null || type.isJsonNull()) {
            throw new InvalidInputException(configFile + ": peft_type is missing; only prompt tuning adapters "
                    + "(peft_type " + PROMPT_TUNING + ") are supported");
        }
        String peftType = type.isJsonPrimitive() ? type.getAsString() : type.toString();
        if (!peftType.equals(PROMPT_TUNING)) {
            throw new InvalidInputException(configFile + ": peft_type is '" + peftType + "'; only prompt tuning "
                    + "adapters (peft_type " + PROMPT_TUNING + ") are supported");
        }
        String taskType = optString(cfg, "task_type", configFile);
        if (!SEQ_2_SEQ_LM.equals(taskType)) {
            warnings.add(configFile + ": task_type is " + (taskType == null ? "null" : "'" + taskType + "'")
                    + ", expected '" + SEQ_2_SEQ_LM + "'; the prompt was trained for another kind of model and "
                    + "may not suit a T5 encoder");
        }
        int length = positiveInt(cfg, "num_virtual_tokens", configFile);
        int dim = positiveInt(cfg, "token_dim", configFile);
        Integer declared = optInt(cfg, "num_transformer_submodules", configFile);
        // PEFT's own default (peft_model.py, _setup_prompt_encoder) when the field is null.
        int submodules = declared != null ? declared : SEQ_2_SEQ_LM.equals(taskType) ? 2 : 1;
        if (submodules != 1 && submodules != 2) {
            throw new InvalidInputException(configFile + ": num_transformer_submodules is " + submodules
                    + ", expected 1 (encoder) or 2 (encoder and decoder)");
        }

        Path weightsFile = dir.resolve(WEIGHTS_FILE);
        if (!Files.exists(weightsFile)) {
            String pickle = Files.exists(dir.resolve(PICKLE_WEIGHTS_FILE))
                    ? "; found " + PICKLE_WEIGHTS_FILE + ", a pickle, which crosspt does not read: re-save the "
                            + "adapter with safe_serialization=True"
                    : "";
            throw new InvalidInputException(weightsFile + ": no such file, expected the adapter weights ("
                    + TENSOR + ") next to " + CONFIG_FILE + pickle);
        }
        float[] all;
        try (SafetensorsFile st = SafetensorsFile.open(weightsFile)) {
            TensorInfo t = st.info(TENSOR);
            long[] expected = {(long) length * submodules, dim};
            if (!Arrays.equals(t.shape(), expected)) {
                throw new InvalidInputException(weightsFile + ": tensor '" + TENSOR + "' has shape "
                        + t.shapeString() + ", expected " + Arrays.toString(expected) + " (num_virtual_tokens "
                        + length + " * num_transformer_submodules " + submodules + ", token_dim " + dim
                        + " from " + CONFIG_FILE + ")");
            }
            if (t.dtype() == DType.F64) {
                warnings.add(weightsFile + ": tensor '" + TENSOR + "' is F64; rounded to F32");
            }
            all = st.readFloats(TENSOR);
            if (st.tensors().size() > 1) {
                List<String> others = new ArrayList<>(st.tensors().keySet());
                others.remove(TENSOR);
                warnings.add(weightsFile + ": ignored tensors other than '" + TENSOR + "': " + others);
            }
        }
        float[] values = all;
        if (submodules == 2) {
            values = Arrays.copyOf(all, length * dim);
            warnings.add(weightsFile + ": the adapter has num_transformer_submodules 2; took the first block (rows"
                    + " 0.." + (length - 1) + ", what PEFT prepends to the encoder input) and dropped rows " + length
                    + ".." + (2 * length - 1) + ", which PEFT allocates for a second submodule but does not use"
                    + " for prompt tuning");
        }
        Map<String, Object> config = GSON.fromJson(cfg, new TypeToken<Map<String, Object>>() { }.getType());
        return new ImportedPrompt(values, length, dim, config, warnings);
    }

    private static JsonObject readConfig(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file, expected a PEFT adapter_config.json", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e + ")", e);
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (!root.isJsonObject()) {
            throw new InvalidInputException(file + ": expected a JSON object, found " + root);
        }
        return root.getAsJsonObject();
    }

    private static String optString(JsonObject cfg, String field, Path file) {
        JsonElement e = cfg.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new InvalidInputException(file + ": " + field + " is " + e + ", expected a string");
        }
        return e.getAsString();
    }

    private static int positiveInt(JsonObject cfg, String field, Path file) {
        Integer v = optInt(cfg, field, file);
        if (v == null) {
            throw new InvalidInputException(file + ": " + field + " is missing, expected a positive integer");
        }
        if (v <= 0) {
            throw new InvalidInputException(file + ": " + field + " is " + v + ", expected a positive integer");
        }
        return v;
    }

    private static Integer optInt(JsonObject cfg, String field, Path file) {
        JsonElement e = cfg.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                return new BigDecimal(e.getAsString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException ignored) {
                // reported below
            }
        }
        throw new InvalidInputException(file + ": " + field + " is " + e + ", expected an integer");
    }
}
