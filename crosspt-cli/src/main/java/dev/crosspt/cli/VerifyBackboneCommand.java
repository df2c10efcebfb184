package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.onnx.OnnxReferenceEngine;
import dev.crosspt.onnx.OnnxT5Exporter;
import dev.crosspt.djl.t5.T5Backbone;
import dev.crosspt.djl.verify.DjlReferenceEngine;
import dev.crosspt.verify.ReferenceFit;
import dev.crosspt.verify.ReferenceSet;
import dev.crosspt.verify.Verification;
import dev.crosspt.verify.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Recomputes a transformers reference with crosspt's T5 and compares every output. */
@Command(
        name = "verify-backbone",
        mixinStandardHelpOptions = true,
        header = "Checks a T5's outputs against a transformers reference.",
        description = {
            "Loads a T5 checkpoint and recomputes every output in a reference file computed by transformers "
                + "(expected.safetensors; token ids re-encoded from expected.json when it sits beside it). A "
                + "reference computed for a model of another vocabulary or width is refused first.",
            "Exit code 0 when every output is within tolerance, 1 when one is not, 2 on unusable input."
        })
final class VerifyBackboneCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR|ORG/NAME",
            description = "Checkpoint directory in the Hugging Face layout, or a model name in the local HF cache.")
    String model;

    @Option(names = "--reference", required = true, paramLabel = "FILE",
            description = "Reference outputs (safetensors) computed by transformers.")
    Path reference;

    @Option(names = "--tolerance", defaultValue = "1e-4", paramLabel = "TOL",
            description = "Largest allowed difference relative to max(1, |reference|) (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--engine", defaultValue = "djl", paramLabel = "djl|onnx",
            description = "djl: the PyTorch engine (every output); onnx: export to ONNX and run ONNX Runtime"
                    + " (gradients are reported as not applicable) (default: ${DEFAULT-VALUE}).")
    String engineName;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(tolerance >= 0)) {
            throw new InvalidInputException("--tolerance: expected a non-negative number, got " + tolerance);
        }
        Path dir = HfCache.resolveModel(model, System.getenv());
        ReferenceSet referenceSet = ReferenceSet.load(reference);
        // a reference made for another model would fail inside the engine, not as a message
        ReferenceFit.check(referenceSet, T5Config.load(dir.resolve("config.json")), dir);
        VerificationReport report;
        switch (engineName) {
            case "djl":
                try (T5Backbone backbone = T5Backbone.load(dir, engine.start())) {
                    report = Verification.run(referenceSet, new DjlReferenceEngine(backbone), tolerance);
                }
                break;
            case "onnx":
                report = verifyOnnx(dir, referenceSet);
                break;
            default:
                throw new InvalidInputException("--engine: expected djl or onnx, got '" + engineName + "'");
        }
        // through picocli's writer (standard output unless the caller set another), so callers can capture it
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.render());
        out.flush();
        return report.passed() ? 0 : 1;
    }

    /** Exports the checkpoint to ONNX (in a temporary directory) and recomputes the reference with ONNX Runtime. */
    private VerificationReport verifyOnnx(Path dir, ReferenceSet referenceSet) {
        try (ScratchDirectory work = new ScratchDirectory("crosspt-onnx-");
                OnnxReferenceEngine onnx = new OnnxReferenceEngine(dir, OnnxT5Exporter.export(dir, work.path()))) {
            return Verification.run(referenceSet, onnx, tolerance);
        }
    }
}
