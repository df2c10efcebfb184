package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.onnx.OnnxT5Exporter;
import dev.crosspt.train.MultiTaskTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt export-onnx}: a T5 checkpoint as an ONNX graph for ONNX Runtime. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Writes a T5 checkpoint as one ONNX graph (opset 17): inputs_embeds (prompts prepended by the",
            "caller), attention_mask, decoder_input_ids and relative-position bucket ids in; encoder_hidden and",
            "logits out. `verify-backbone --engine onnx` checks such a graph against a transformers reference.",
            "With --run and --task, writes " + OnnxT5Exporter.PROMPTED_FILE_NAME + " instead: that task's trained",
            "prompt baked in, input_ids and attention_mask for the tokens only in; the encoder bucket ids are for",
            "the full length (prompt + tokens)."})
final class ExportOnnxCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR|ORG/NAME", description = "The checkpoint.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where " + OnnxT5Exporter.FILE_NAME + " (or " + OnnxT5Exporter.PROMPTED_FILE_NAME + ") goes.")
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
        Path file;
        String what;
        if (run == null) {
            file = OnnxT5Exporter.export(modelDir, out);
            what = "ONNX graph";
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
            createDirectories(out);
            try {
                file = OnnxT5Exporter.exportWithPrompt(modelDir, prompt, (int) info.shape()[0], out);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(prompts + ": task '" + task + "': " + e.getMessage());
            }
            what = "ONNX graph with the " + info.shapeString() + " prompt of task '" + task + "'";
        }
        PrintWriter console = spec.commandLine().getOut();
        console.println(what + " written to " + file);
        console.flush();
        return 0;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
