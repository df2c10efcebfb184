package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.onnx.OnnxT5Exporter;
import dev.crosspt.train.MultiTaskTrainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt export-onnx}: a T5 checkpoint as ONNX graphs for any ONNX Runtime. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Writes a T5 checkpoint as two ONNX graphs (opset 17) into --out, with the tokenizer and",
            OnnxT5Exporter.METADATA + ": " + OnnxT5Exporter.ENCODER + " (inputs_embeds, prompts prepended by the",
            "caller, and attention_mask in; encoder_hidden and encoder_attention_mask out) and "
                + OnnxT5Exporter.DECODER,
            "(those two and decoder_input_ids in; logits out). With --run and --task, that task's trained prompt",
            "is baked into the encoder, which then takes plain input_ids and attention_mask.",
            "`verify-backbone --engine onnx` checks such graphs against a transformers reference."})
final class ExportOnnxCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR|ORG/NAME", description = "The checkpoint.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The export directory (created; files already there are replaced).")
    Path out;

    @Option(names = "--run", paramLabel = "DIR", description = "A run directory holding "
            + MultiTaskTrainer.COMPOSED_PROMPTS + "; needs --task.")
    Path run;

    @Option(names = "--task", paramLabel = "T", description = "The task whose composed prompt to bake in; needs --run.")
    String task;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((run == null) != (task == null)) {
            throw new InvalidInputException("--run and --task go together: give both to export a prompted graph, "
                    + "or neither for the plain one");
        }
        Path modelDir = HfCache.resolveModel(model, System.getenv());
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
                OnnxT5Exporter.exportWithPrompt(modelDir, prompt, (int) info.shape()[0], task, out);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(prompts + ": task '" + task + "': " + e.getMessage());
            }
            what = "ONNX graphs with the " + info.shapeString() + " prompt of task '" + task + "'";
        }
        PrintWriter console = spec.commandLine().getOut();
        console.println(what + " written to " + out + " (" + OnnxT5Exporter.ENCODER + ", " + OnnxT5Exporter.DECODER
                + ", " + OnnxT5Exporter.METADATA + ")");
        console.flush();
        return 0;
    }
}
