package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.peft.ImportedPrompt;
import dev.crosspt.peft.PeftPromptAdapter;
import dev.crosspt.train.MultiTaskTrainer;
import dev.crosspt.train.SourceBank;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt peft export|import}: Hugging Face PEFT prompt-tuning adapters in and out. */
@Command(name = "peft", mixinStandardHelpOptions = true,
        header = "Exchanges prompts with Hugging Face PEFT adapters.",
        subcommands = {PeftCommand.Export.class, PeftCommand.Import.class})
final class PeftCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A task's composed prompt as a PEFT adapter. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            header = "Writes a task's trained prompt as a PEFT adapter.",
            description = {"Writes a task's composed prompt (from a finished run) as a PEFT prompt-tuning adapter "
                + "(adapter_config.json + adapter_model.safetensors) that PeftModel.from_pretrained loads."})
    static final class Export implements Callable<Integer> {

        @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run directory holding "
                + MultiTaskTrainer.COMPOSED_PROMPTS + " (a demo run's runs/<method>/seed-<n>, or a train run's run/).")
        Path run;

        @Option(names = "--task", required = true, paramLabel = "TASK", description = "The task whose prompt to export.")
        String task;

        @Option(names = "--base-model", paramLabel = "NAME", description = "base_model_name_or_path to record"
                + " (default: the model the run's manifest.json names). When its config.json can be found, the"
                + " prompt's width must be its d_model.")
        String baseModel;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Adapter directory to write.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path file = run.resolve(MultiTaskTrainer.COMPOSED_PROMPTS);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file + ": missing; runs write it when training finishes");
            }
            try (SafetensorsFile prompts = SafetensorsFile.open(file)) {
                String name = "task/" + task;
                if (!prompts.has(name)) {
                    List<String> known = prompts.tensors().keySet().stream().map(n -> n.substring(5)).toList();
                    throw new InvalidInputException(file + ": no task '" + task + "'; tasks: " + known);
                }
                TensorInfo info = prompts.info(name);
                String base = baseModel();
                checkWidth(base, info, file);
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("base_model_name_or_path", base);
                PeftPromptAdapter.export(out, prompts.readFloats(name), (int) info.shape()[0], (int) info.shape()[1], extra);
                PrintWriter console = spec.commandLine().getOut();
                console.println(task + ": " + info.shapeString() + " prompt written to " + out);
                console.flush();
            }
            return 0;
        }

        /** --base-model, or the model the run's manifest names (null when neither says). */
        private String baseModel() {
            if (baseModel != null) {
                return baseModel;
            }
            Map<?, ?> backbone = RunManifests.backbone(RunManifests.above(run));
            return backbone != null && backbone.get("model") instanceof String model ? model : null;
        }

        /** A prompt only fits a model of its width: refused when the base model's config says otherwise. */
        private static void checkWidth(String base, TensorInfo info, Path file) {
            if (base == null) {
                return;
            }
            Path config;
            try {
                config = HfCache.resolveModel(base, System.getenv()).resolve("config.json");
            } catch (InvalidInputException e) {
                return; // not here to read: PEFT checks the width when it loads the adapter
            }
            if (!Files.isRegularFile(config)) {
                return;
            }
            int dModel = T5Config.load(config).dModel();
            long width = info.shape()[info.shape().length - 1];
            if (width != dModel) {
                throw new InvalidInputException(file + ": the prompt is " + width + " wide, but the base model "
                        + base + " has d_model " + dModel + " (" + config + "); give the model the run trained on");
            }
        }
    }

    /** PEFT adapters as a source bank for the initialised variants. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            header = "Turns PEFT adapters into a source bank for SIL and SILP.",
            description = {"Turns PEFT prompt-tuning adapters into a crosspt source bank (one source each), for "
                + "--variant SIL or SILP with --source-bank. All adapters must have the same length and width."})
    static final class Import implements Callable<Integer> {

        @Option(names = "--adapters", required = true, split = ",", paramLabel = "DIR[,DIR...]", description = "Adapter directories.")
        List<Path> adapters;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Source bank to write (safetensors).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter console = spec.commandLine().getOut();
            List<ImportedPrompt> prompts = new ArrayList<>();
            for (Path dir : adapters) {
                ImportedPrompt prompt = PeftPromptAdapter.read(dir);
                prompt.warnings().forEach(w -> console.println("warning: " + dir + ": " + w));
                if (!prompts.isEmpty() && (prompt.length() != prompts.get(0).length() || prompt.dim() != prompts.get(0).dim())) {
                    throw new InvalidInputException(dir + ": prompt is [" + prompt.length() + ", " + prompt.dim()
                            + "], but " + adapters.get(0) + " is [" + prompts.get(0).length() + ", "
                            + prompts.get(0).dim() + "]: a source bank needs one length and width");
                }
                prompts.add(prompt);
            }
            int length = prompts.get(0).length();
            int dim = prompts.get(0).dim();
            float[] bank = new float[prompts.size() * length * dim];
            for (int i = 0; i < prompts.size(); i++) {
                System.arraycopy(prompts.get(i).values(), 0, bank, i * length * dim, length * dim);
            }
            SourceBank.write(out, bank, prompts.size(), length, dim, Map.of("imported_from", "peft " + adapters));
            console.println(prompts.size() + " sources of [" + length + ", " + dim + "] written to " + out
                    + " (use --variant SIL or SILP --sources " + prompts.size() + " --prompt-length " + length
                    + " --source-bank " + out + ")");
            console.flush();
            return 0;
        }
    }
}
