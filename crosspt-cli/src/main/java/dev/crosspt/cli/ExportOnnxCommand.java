package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.onnx.OnnxT5Exporter;
import dev.crosspt.t5.T5BackboneFacts;
import dev.crosspt.train.MultiTaskTrainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt export-onnx}: a T5 checkpoint as ONNX graphs for any ONNX Runtime. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        header = "Writes a T5 checkpoint, with or without a prompt, as ONNX.",
        description = {"Writes a T5 checkpoint as two ONNX graphs (opset 17) into --out, with its tokenizer and "
                + OnnxT5Exporter.METADATA + ". " + OnnxT5Exporter.ENCODER + ": inputs_embeds (prompt rows first) and "
                + "attention_mask in; encoder_hidden and encoder_attention_mask out. " + OnnxT5Exporter.DECODER
                + ": those two and decoder_input_ids in; logits out.",
            "With --run and --task, that task's trained prompt is baked into the encoder, which then takes plain "
                + "input_ids and attention_mask.",
            "`verify-backbone --engine onnx` checks such graphs against a transformers reference."})
final class ExportOnnxCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "DIR|ORG/NAME", description = "The checkpoint. With --run it may be "
            + "left out: the run's manifest.json (in RUN_DIR or up to three folders above) names it; when both are "
            + "known, the model must have the shape the run trained on.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The export directory: new, empty, or an earlier export, which is replaced as a whole "
                    + "once the new one is complete.")
    Path out;

    @Option(names = "--run", paramLabel = "DIR", description = "A run directory holding "
            + MultiTaskTrainer.COMPOSED_PROMPTS + "; needs --task.")
    Path run;

    @Option(names = "--task", paramLabel = "TASK", description = "The task whose composed prompt to bake in; needs --run.")
    String task;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((run == null) != (task == null)) {
            throw new InvalidInputException("--run and --task go together: give both to export a prompted graph, "
                    + "or neither for the plain one");
        }
        PrintWriter console = spec.commandLine().getOut();
        Path manifest = run == null ? null : RunManifests.above(run);
        Map<?, ?> backbone = RunManifests.backbone(manifest);
        Path modelDir = modelDirectory(manifest, backbone, console);
        String what;
        if (run == null) {
            OnnxT5Exporter.export(modelDir, out);
            what = "ONNX graphs";
        } else {
            Path prompts = run.resolve(MultiTaskTrainer.COMPOSED_PROMPTS);
            if (!Files.isRegularFile(prompts)) {
                throw new InvalidInputException(prompts + ": missing; runs write it when training finishes");
            }
            float[] prompt;
            TensorInfo info;
            try (SafetensorsFile st = SafetensorsFile.open(prompts)) {
                String name = "task/" + task;
                if (!st.has(name)) {
                    List<String> known = st.tensors().keySet().stream()
                            .filter(n -> n.startsWith("task/")).map(n -> n.substring(5)).toList();
                    throw new InvalidInputException(prompts + ": no task '" + task + "'; tasks: " + known);
                }
                info = st.info(name);
                if (info.shape().length != 2) {
                    throw new InvalidInputException(prompts + ": tensor '" + name + "' has shape "
                            + info.shapeString() + ", expected [P, d_model]");
                }
                prompt = st.readFloats(name);
            }
            try {
                OnnxT5Exporter.exportWithPrompt(modelDir, prompt, (int) info.shape()[0], notes(backbone), out);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(prompts + ": task '" + task + "': " + e.getMessage());
            }
            what = "ONNX graphs with the " + info.shapeString() + " prompt of task '" + task + "'";
        }
        console.println(what + " written to " + out + " (" + OnnxT5Exporter.ENCODER + ", " + OnnxT5Exporter.DECODER
                + ", " + OnnxT5Exporter.METADATA + ")");
        console.flush();
        return 0;
    }

    /**
     * The checkpoint to export: --model, or the model the run's manifest names. A prompt only works with the model
     * it was trained on, so a --model whose shape differs from the manifest's is refused (t5-base and
     * flan-t5-base share d_model, so the prompt's width alone would not catch it).
     */
    private Path modelDirectory(Path manifest, Map<?, ?> backbone, PrintWriter console) {
        String name = model;
        if (name == null) {
            if (run == null) {
                throw new InvalidInputException("--model: required for a plain export (with --run, the run's "
                        + "manifest.json can name it)");
            }
            if (backbone == null || !(backbone.get("model") instanceof String named)) {
                throw new InvalidInputException("--model: not given, and no manifest.json in " + run
                        + " or the three folders above it names the run's model; give --model DIR");
            }
            name = named;
            console.println("model " + name + " (from " + manifest + ")");
        }
        Path modelDir = HfCache.resolveModel(name, System.getenv());
        if (backbone != null && backbone.get("shape") instanceof String trained) {
            String given = T5BackboneFacts.shape(T5Config.load(modelDir.resolve("config.json")));
            if (!trained.equals(given)) {
                throw new InvalidInputException(manifest + ": the run trained on a T5 of shape '" + trained + "', but "
                        + modelDir + " has shape '" + given + "'; a prompt only works with the model it was trained on");
            }
        }
        return modelDir;
    }

    /** The task, and the input truncation training used (from the manifest) so that callers repeat it. */
    private Map<String, Object> notes(Map<?, ?> backbone) {
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("task", task);
        if (backbone != null && backbone.get("max_input_tokens") instanceof String limit && limit.matches("\\d+")) {
            notes.put("max_input_tokens", Integer.parseInt(limit));
        }
        return notes;
    }
}
