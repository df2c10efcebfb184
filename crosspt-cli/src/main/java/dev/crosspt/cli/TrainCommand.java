package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.data.TaskData;
import dev.crosspt.data.protocol.FewShotProtocol;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.run.DatasetRun;
import dev.crosspt.run.DatasetRunSettings;
import dev.crosspt.run.PreparedTask;
import dev.crosspt.train.EarlyStopping;
import dev.crosspt.train.PluginSource;
import dev.crosspt.train.TrainingPlugins;
import dev.crosspt.train.PromptEncoderKind;
import dev.crosspt.train.TaskSampling;
import dev.crosspt.train.TrainingListener;
import dev.crosspt.train.TrainingResult;
import dev.crosspt.train.TrainingSettings;
import dev.crosspt.train.Variant;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code ./crosspt train}: CrossPT on real datasets. */
@Command(name = "train", mixinStandardHelpOptions = true,
        header = "Trains CrossPT on GLUE, SuperGLUE or task.json datasets.",
        description = {"Carves few-shot splits by the documented protocol (written under OUT/splits), trains all "
            + "tasks together and scores each with its own metrics.",
            "An existing run in --out is kept: --resume continues it, --overwrite replaces it, and without either "
            + "the default directory moves aside to runs/train-2 (a directory you name is refused)."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of task directories, or one task directory.")
    Path data;

    @Option(names = "--model", required = true, paramLabel = "DIR|ORG/NAME", description = "T5 checkpoint directory or Hugging Face cache name.")
    String model;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK[,TASK...]", description = "Tasks to train together (default: all found).")
    List<String> tasks = List.of();

    @Option(names = "--shots", defaultValue = "32", paramLabel = "K", description = "k: training examples per task (default: ${DEFAULT-VALUE}).")
    int shots;

    @Option(names = "--per-label", description = "k examples per label instead of k in total.")
    boolean perLabel;

    @Option(names = "--data-seed", defaultValue = "" + FewShotProtocol.DEFAULT_SEED, paramLabel = "SEED", description = "Seed of the few-shot sample and dev/test carving (default: ${DEFAULT-VALUE}).")
    long dataSeed;

    @Option(names = "--labels", defaultValue = "natural", paramLabel = "natural|synthetic", description = "Target words (default: ${DEFAULT-VALUE}).")
    String labels;

    @Option(names = "--no-prefix", description = "Leave the task name out of the inputs.")
    boolean noPrefix;

    @Option(names = "--generate", description = "Predict by greedy generation and parsing instead of rank classification.")
    boolean generate;

    @Option(names = "--variant", defaultValue = "SLP", paramLabel = "P|SL|SLP|SIL|SILP|MT-P", description = "P, SL, SLP, SIL, SILP or MT-P (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--sources", defaultValue = "3", paramLabel = "M", description = "Source prompts M (default: ${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--prompt-length", defaultValue = "10", paramLabel = "L", description = "Length of each source and private prompt (default: ${DEFAULT-VALUE}).")
    int promptLength;

    @Option(names = "--source-bank", paramLabel = "FILE", description = "Saved source bank for SIL / SILP.")
    Path sourceBank;

    @Option(names = "--encoder", defaultValue = "linear", paramLabel = "identity|linear|mlp", description = "Prompt encoder: identity, linear or mlp (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--selector", defaultValue = "softmax", paramLabel = "NAME", description = "Source selector plugin (default: ${DEFAULT-VALUE}).")
    String selector;

    @Option(names = "--selector-setting", paramLabel = "KEY=VALUE", description = "A selector setting, e.g. temperature=1 or per-source=true.")
    Map<String, String> selectorSettings = Map.of();

    @Option(names = "--router", defaultValue = "table", paramLabel = "NAME", description = "Router plugin, what gives the selector its logits: table, linear, mlp, instance (default: ${DEFAULT-VALUE}).")
    String router;

    @Option(names = "--router-setting", paramLabel = "KEY=VALUE", description = "A router setting, e.g. hidden=64 or input=encoder.")
    Map<String, String> routerSettings = Map.of();

    @Option(names = "--composer", defaultValue = "weighted-sum", paramLabel = "NAME", description = "Prompt composer plugin (default: ${DEFAULT-VALUE}).")
    String composer;

    @Option(names = "--schedule", defaultValue = "linear-warmup", paramLabel = "NAME", description = "Learning-rate schedule plugin (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--shared-lr", defaultValue = "0.1", paramLabel = "RATE", description = "Shared prompts' rate (default: ${DEFAULT-VALUE}).")
    double sharedLr;

    @Option(names = "--private-lr", defaultValue = "0.05", paramLabel = "RATE", description = "Private prompts' rate (default: ${DEFAULT-VALUE}).")
    double privateLr;

    @Option(names = "--encoder-lr", defaultValue = "0.001", paramLabel = "RATE", description = "Prompt encoder's rate (default: ${DEFAULT-VALUE}).")
    double encoderLr;

    @Option(names = "--steps", defaultValue = "500", paramLabel = "N", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--eval-every", defaultValue = "50", paramLabel = "N", description = "Steps between dev evaluations (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--stop-patience", paramLabel = "N", description = "Early stopping: end the run once its dev"
            + " curve has had no new best for N evaluations and for half the steps it took to reach that best;"
            + " --steps stays the most it trains (default: off, train every step).")
    Integer stopPatience;

    @Option(names = "--stop-min-steps", defaultValue = "0", paramLabel = "N", description = "Early stopping: train"
            + " at least N steps (default: ${DEFAULT-VALUE}; needs --stop-patience).")
    int stopMinSteps;

    @Option(names = "--stop-smoothing", defaultValue = "1", paramLabel = "N", description = "Early stopping: read"
            + " the dev curve as a trailing mean of N evaluations (default: ${DEFAULT-VALUE}; needs --stop-patience).")
    int stopSmoothing;

    @Option(names = "--stop-min-delta", defaultValue = "0", paramLabel = "X", description = "Early stopping: the"
            + " smallest rise of the dev curve that counts as a new best (default: ${DEFAULT-VALUE}; needs"
            + " --stop-patience).")
    double stopMinDelta;

    @Option(names = "--batch-size", defaultValue = "12", paramLabel = "N", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--task-sampling", defaultValue = "proportional", paramLabel = "proportional|uniform|temperature", description = "proportional, uniform or temperature (default: ${DEFAULT-VALUE}).")
    String taskSampling;

    @Option(names = "--seed", defaultValue = "123", paramLabel = "SEED", description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--init-from-task-words", description = "Let prompt initialisation draw the tasks' label words and names too (by default it leaves them out).")
    boolean initFromTaskWords;

    @Option(names = "--max-input-tokens", defaultValue = "400", paramLabel = "N", description = "Input tokens kept (default: ${DEFAULT-VALUE}).")
    int maxInputTokens;

    @Option(names = "--max-target-tokens", defaultValue = "50", paramLabel = "N", description = "Target tokens kept (default: ${DEFAULT-VALUE}).")
    int maxTargetTokens;

    @Option(names = "--num-beams", defaultValue = "1", paramLabel = "N", description = "Beams kept when a task "
            + "generates (question answering, summaries, --generate); 1 is greedy decoding (default: ${DEFAULT-VALUE}).")
    int numBeams;

    @Option(names = "--length-penalty", defaultValue = "1.0", paramLabel = "X", description = "Beam search divides a "
            + "finished beam's log-probability by its length to this power, as transformers does; above 0 favours "
            + "longer outputs (default: ${DEFAULT-VALUE}).")
    double lengthPenalty;

    @Option(names = "--early-stopping", defaultValue = "false", paramLabel = "true|false|never", description = "When "
            + "beam search stops, as transformers' early_stopping (default: ${DEFAULT-VALUE}).")
    String earlyStopping;

    @Option(names = "--max-new-tokens", split = ",", paramLabel = "N|TASK=N", description = "Tokens generated at "
            + "most: one number for every task, or TASK=N for one task, such as --max-new-tokens=16,xsum=64 "
            + "(default: 16).")
    List<String> maxNewTokens = List.of();

    @Option(names = "--out", defaultValue = "runs/train", paramLabel = "DIR", description = "Run directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--overwrite", description = "Replace the run in --out; it is swapped out only once the new run"
            + " has finished.")
    boolean overwrite;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TrainingSettings training = TrainingSettings.builder()
                .variant(Variant.parse(variant)).sources(sources).promptLength(promptLength)
                .encoder(PromptEncoderKind.parse(encoder)).selector(selector, selectorSettings)
                .composer(composer, Map.of()).schedule(schedule, Map.of()).router(router, routerSettings)
                .sharedLearningRate(sharedLr).privateLearningRate(privateLr).encoderLearningRate(encoderLr)
                .steps(steps).evalEvery(evalEvery).batchSize(batchSize)
                .taskSampling(TaskSampling.parse(taskSampling)).seed(seed).sourceBank(sourceBank)
                .initExcludeTaskWords(!initFromTaskWords)
                .earlyStopping(earlyStoppingRule())
                .build();
        // decoding settings are checked before the run directory is claimed
        int budget = TaskData.DEFAULT_DECODING.maxNewTokens();
        Map<String, Integer> perTask = new LinkedHashMap<>();
        for (String item : maxNewTokens) {
            int eq = item.indexOf('=');
            String value = eq < 0 ? item : item.substring(eq + 1);
            int n;
            try {
                n = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--max-new-tokens: '" + item + "' is not N or TASK=N", e);
            }
            if (eq < 0) {
                budget = n;
            } else {
                perTask.put(item.substring(0, eq).strip(), n);
            }
        }
        Decoding decoding = new Decoding(numBeams, lengthPenalty, Decoding.EarlyStopping.of(earlyStopping), budget);
        checkBeforeWriting(training);
        PrintWriter console = spec.commandLine().getOut();
        try (RunDirectory dir = RunDirectory.claim(out, "--out", spec.commandLine().getParseResult()
                .hasMatchedOption("--out"), resume, overwrite, spec.commandLine().getErr()::println)) {
            TrainingResult result = train(training, decoding, perTask, dir.path(), console);
            dir.commit();
            report(result, dir.target(), console);
        }
        return 0;
    }

    /** The --stop-* flags' rule, or null without --stop-patience; a bad value is named by its flag. */
    private EarlyStopping earlyStoppingRule() {
        ParseResult parsed = spec.commandLine().getParseResult();
        if (stopPatience == null) {
            for (String flag : List.of("--stop-min-steps", "--stop-smoothing", "--stop-min-delta")) {
                if (parsed.hasMatchedOption(flag)) {
                    throw new InvalidInputException(flag + ": early stopping is on only with --stop-patience N");
                }
            }
            return null;
        }
        return EarlyStopping.checked(stopMinSteps, stopPatience, stopMinDelta, stopSmoothing,
                key -> "--stop-" + key.replace('_', '-'));
    }

    /**
     * What would otherwise fail only once the run directory is claimed and the splits are written in it (where it
     * would then be "a run" that the corrected command refuses): the plugins with their settings, and the model.
     */
    private void checkBeforeWriting(TrainingSettings training) {
        TrainingPlugins.create(PluginSource.serviceLoader(), training);
        T5Config.load(HfCache.resolveModel(model, System.getenv()).resolve("config.json"));
    }

    private TrainingResult train(TrainingSettings training, Decoding decoding, Map<String, Integer> perTask,
            Path runDir, PrintWriter console) {
        DatasetRun run = new DatasetRun(new DatasetRunSettings(data, tasks, shots, perLabel, dataSeed,
                labels.toLowerCase(Locale.ROOT), !noPrefix, generate, training, runDir, decoding, perTask));
        List<PreparedTask> prepared = run.prepare();
        for (PreparedTask task : prepared) {
            console.printf("%-8s %s%n", task.raw().name(), task.splits().ruleDescription());
        }
        TrainingResult result;
        try (BackboneAdapter backbone = engine.loadT5(model, maxInputTokens, maxTargetTokens);
                ProgressBar bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(steps)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build()) {
            result = run.run(backbone, prepared, new TrainingListener() {
                @Override
                public void onStart(int startStep, int totalSteps) {
                    bar.stepTo(startStep);
                }

                @Override
                public void onStep(int step, double loss) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f", loss));
                }
            }, resume);
        }
        return result;
    }

    private void report(TrainingResult result, Path runDir, PrintWriter console) {
        console.println();
        console.println(ResultsTable.readCsv(runDir.resolve("results.csv")).toConsoleTable("score"));
        Map<String, Double> primary = new java.util.LinkedHashMap<>();
        for (int t = 0; t < result.tasks().size(); t++) {
            primary.put(result.tasks().get(t), result.testScores().get(t));
        }
        DatasetRun.benchmarkAverages(primary).forEach(a -> console.printf(Locale.ROOT,
                "%s average over %s: %.1f%s%n", a.benchmark(), a.included(), 100 * a.value(),
                a.missing().isEmpty() ? "" : " (missing " + a.missing() + ": not comparable to published averages)"));
        if (result.stoppedEarly()) {
            console.println("Stopped early: " + result.stopReason());
        }
        if (result.endedBy() == TrainingResult.Ending.EARLY_STOPPING) {
            console.printf("Early stopping ended training at step %d of %d (best dev at step %d).%n",
                    result.lastStep(), steps, result.bestStep());
        }
        console.println("Run directory: " + runDir.toAbsolutePath());
        console.flush();
    }
}
