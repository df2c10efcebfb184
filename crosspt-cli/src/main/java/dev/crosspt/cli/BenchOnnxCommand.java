package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.bench.OnnxBenchSettings;
import dev.crosspt.bench.OnnxVsDjlBenchmark;
import dev.crosspt.bench.OnnxVsDjlResult;
import dev.crosspt.djl.engine.Devices;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./crosspt bench onnx}: evaluation throughput of ONNX Runtime against DJL PyTorch on the same model. */
@Command(
        name = "onnx",
        mixinStandardHelpOptions = true,
        header = "Compares evaluation speed of ONNX Runtime and DJL PyTorch.",
        description = {
            "Evaluation samples/s of ONNX Runtime against DJL PyTorch (CPU) on the same T5-small shape with random "
                + "weights, the same inputs (batch 8, 128 input + 100 prompt tokens, 4 teacher-forced targets) and "
                + "the same thread count, in one run; prints both figures and the ratio ORT/DJL (target >= 1.5x)."
        })
final class BenchOnnxCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--batches", defaultValue = "20", paramLabel = "N",
            description = "Timed evaluation batches per engine (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N",
            description = "Warm-up batches per engine (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Intra-op threads for both engines; 0 takes one per core.")
    int threads;

    @Option(names = "--tiny", hidden = true, description = "Use the tiny fixture shape (smoke tests).")
    boolean tiny;

    @Override
    public Integer call() {
        if (threads < 0) {
            throw new InvalidInputException("bench onnx: --threads expected 0 or more, got " + threads);
        }
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        OnnxBenchSettings standard = OnnxBenchSettings.standard(n);
        OnnxBenchSettings settings;
        try {
            settings = new OnnxBenchSettings(standard.batch(), standard.inputTokens(), standard.promptTokens(),
                    standard.targetTokens(), standard.candidates(), warmup, batches, n, tiny, standard.seed());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("bench onnx: " + e.getMessage());
        }
        // before PyTorch starts: both engines get the same intra-op threads and one inter-op thread
        Devices.setThreads(n);
        try (ScratchDirectory scratch = new ScratchDirectory("crosspt-bench-onnx-")) {
            Path work = scratch.path();
            OnnxVsDjlResult result = new OnnxVsDjlBenchmark(settings, work,
                    line -> System.err.println("[bench] " + line)).run();
            System.out.print(json ? result.toJson() + System.lineSeparator() : result.toTable());
            return 0;
        }
    }
}
