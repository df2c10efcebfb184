package dev.crosspt.cli;

import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.onnx.OnnxT5Exporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt export-onnx}: a T5 checkpoint as an ONNX graph for ONNX Runtime. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Writes a T5 checkpoint as one ONNX graph (opset 17): inputs_embeds (prompts prepended by the",
            "caller), attention_mask, decoder_input_ids and relative-position bucket ids in; encoder_hidden and",
            "logits out. `verify-backbone --engine onnx` checks such a graph against a transformers reference."})
final class ExportOnnxCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR|ORG/NAME", description = "The checkpoint.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where " + OnnxT5Exporter.FILE_NAME + " goes.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path file = OnnxT5Exporter.export(HfCache.resolveModel(model, System.getenv()), out);
        PrintWriter console = spec.commandLine().getOut();
        console.println("ONNX graph written to " + file);
        console.flush();
        return 0;
    }
}
