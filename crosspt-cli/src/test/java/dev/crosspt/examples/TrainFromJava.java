package dev.crosspt.examples;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.data.protocol.FewShotProtocol;
import dev.crosspt.run.DatasetRun;
import dev.crosspt.run.DatasetRunSettings;
import dev.crosspt.run.PreparedTask;
import dev.crosspt.train.TrainingListener;
import dev.crosspt.train.TrainingResult;
import dev.crosspt.train.TrainingSettings;
import dev.crosspt.train.Variant;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Training from Java, as README.md shows it: GLUE tasks loaded through the few-shot protocol, CrossPT (SLP)
 * trained on a frozen T5, the results printed. {@code TrainFromJavaTest} runs it on the repository's mini GLUE
 * and tiny T5.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp ... dev.crosspt.examples.TrainFromJava data/glue google-t5/t5-base runs/java
 * </pre>
 */
public final class TrainFromJava {

    private TrainFromJava() {}

    /** {@code DATA_DIR MODEL OUT_DIR}: trains RTE and MRPC at 32 shots for 1,000 steps. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: TrainFromJava DATA_DIR MODEL OUT_DIR");
            System.exit(2);
        }
        train(Path.of(args[0]), BackboneOptions.of(args[1]), Path.of(args[2]), 32, 1000, System.out);
    }

    /**
     * Trains RTE and MRPC together and prints each task's scores.
     *
     * @param data a folder in the GLUE layout ({@code ./crosspt fetch glue rte mrpc})
     * @param model the backbone: a checkpoint directory or a Hugging Face cache name, and token limits
     * @param out the run directory (splits, checkpoints, results.csv, manifest.json)
     */
    public static TrainingResult train(Path data, BackboneOptions model, Path out, int shots, int steps,
            PrintStream console) {
        TrainingSettings settings = TrainingSettings.builder()
                .variant(Variant.SLP).sources(3).promptLength(10)
                .selector("softmax", Map.of("temperature", "1", "per-source", "true"))
                .composer("weighted-sum", Map.of())
                .sharedLearningRate(0.3).privateLearningRate(0.1)   // shared fast, private slow
                .steps(steps).evalEvery(Math.max(1, steps / 10)).batchSize(8).seed(123)
                .build();
        // the few-shot protocol: k examples per task, dev and test carved from the official splits
        DatasetRun run = new DatasetRun(new DatasetRunSettings(data, List.of("rte", "mrpc"), shots, false,
                FewShotProtocol.DEFAULT_SEED, "natural", true, false, settings, out));
        List<PreparedTask> tasks = run.prepare();
        // the backbone holds native memory: close it
        try (BackboneAdapter backbone = Plugins.find(BackboneAdapterProvider.class, "t5").load(model)) {
            TrainingResult result = run.run(backbone, tasks, TrainingListener.none(), false);
            for (int t = 0; t < result.tasks().size(); t++) {
                console.printf("%-5s test %s %.3f %s%n", result.tasks().get(t), result.metric(),
                        result.testScores().get(t), result.testMetrics().get(t));
            }
            console.println(result);
            return result;
        }
    }
}
