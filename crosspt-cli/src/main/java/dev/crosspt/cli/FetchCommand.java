package dev.crosspt.cli;

import dev.crosspt.fetch.DownloadProgress;
import dev.crosspt.fetch.DownloadSettings;
import dev.crosspt.fetch.Downloader;
import dev.crosspt.fetch.FetchedGlueTask;
import dev.crosspt.fetch.FetchedModel;
import dev.crosspt.fetch.GlueFetcher;
import dev.crosspt.fetch.HubModelFetcher;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./crosspt fetch}: downloads for users with internet (nothing else in crosspt touches the network). */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        header = "Downloads models and datasets; the only networked command.",
        description = {"Downloads with size and SHA-256 checks and resumes after an interruption. Nothing downloads "
            + "unless you run this command."},
        subcommands = {FetchCommand.Model.class, FetchCommand.Glue.class})
final class FetchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ./crosspt fetch model ORG/NAME}. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            header = "Downloads a T5 from the Hugging Face hub into its cache.",
            description = {"Downloads a T5's files from the Hugging Face hub into the local Hugging Face cache "
                + "(HF_HUB_CACHE, HF_HOME or ~/.cache/huggingface/hub), where --model ORG/NAME then finds them. "
                + "HF_ENDPOINT and HF_TOKEN are honoured."})
    static final class Model implements Callable<Integer> {

        @Parameters(paramLabel = "ORG/NAME", description = "The model, e.g. google-t5/t5-base.")
        String repo;

        @Option(names = "--revision", defaultValue = "main", paramLabel = "REV", description = "Branch, tag or commit (default: ${DEFAULT-VALUE}).")
        String revision;

        @Option(names = "--endpoint", paramLabel = "URL", description = "Hub server (default: HF_ENDPOINT or https://huggingface.co).")
        URI endpoint;

        @Option(names = "--cache", paramLabel = "DIR", description = "Hugging Face hub cache (default: HF_HUB_CACHE, HF_HOME/hub or ~/.cache/huggingface/hub).")
        Path cache;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            // the options override the environment variables they stand for
            Map<String, String> env = new HashMap<>(System.getenv());
            if (endpoint != null) {
                env.put("HF_ENDPOINT", endpoint.toString());
            }
            if (cache != null) {
                env.put("HF_HUB_CACHE", cache.toString());
            }
            FetchedModel model = HubModelFetcher.fromEnvironment(env).fetch(repo, revision, FetchCommand::bar);
            PrintWriter out = spec.commandLine().getOut();
            model.warnings().forEach(w -> out.println("warning: " + w));
            out.println(repo + " @ " + model.commit() + ": " + model.files().size() + " files, "
                    + model.bytesDownloaded() / (1 << 20) + " MiB downloaded");
            out.println("  " + model.snapshotDir());
            out.flush();
            return 0;
        }
    }

    /** {@code ./crosspt fetch glue [TASKS]}. */
    @Command(name = "glue", mixinStandardHelpOptions = true,
            header = "Downloads GLUE tasks (all when none are named).",
            description = "Writes each task in the official GLUE layout into --dir.")
    static final class Glue implements Callable<Integer> {

        @Parameters(arity = "0..*", paramLabel = "TASK", description = "cola, sst2, mrpc, qqp, stsb, mnli, qnli, rte, wnli.")
        List<String> tasks = List.of();

        @Option(names = "--dir", paramLabel = "DIR", description = "Where the task folders go (default: data/glue).")
        Path dir = GlueFetcher.DEFAULT_DIR;

        @Option(names = "--mirror", paramLabel = "URL", description = "Another server with the same files.")
        URI mirror;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            GlueFetcher fetcher = GlueFetcher.official();
            if (mirror != null) {
                fetcher = new GlueFetcher(new Downloader(DownloadSettings.defaults()),
                        fetcher.manifest().rebased(mirror));
            }
            PrintWriter out = spec.commandLine().getOut();
            for (FetchedGlueTask task : fetcher.fetch(tasks, dir, FetchCommand::bar)) {
                out.println(task.task() + (task.alreadyPresent() ? ": already there, " : ": ") + task.dir());
            }
            out.flush();
            return 0;
        }
    }

    /** A progress bar per file, closed when the file completes. */
    private static DownloadProgress bar(String file) {
        ProgressBar[] bar = new ProgressBar[1];
        return (done, total) -> {
            if (bar[0] == null) {
                bar[0] = new ProgressBarBuilder().setTaskName(file).setInitialMax(Math.max(total, 1))
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1 << 20).showSpeed().build();
            }
            bar[0].stepTo(done);
            if (total >= 0 && done >= total) {
                bar[0].close();
            }
        };
    }
}
