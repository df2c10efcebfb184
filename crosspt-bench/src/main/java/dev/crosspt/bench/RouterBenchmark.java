package dev.crosspt.bench;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.checkpoint.RandomT5Checkpoint;
import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import dev.crosspt.demo.WordTokenizerJson;
import dev.crosspt.train.MultiTaskTrainer;
import dev.crosspt.train.PromptEncoderKind;
import dev.crosspt.train.TrainingListener;
import dev.crosspt.train.TrainingSettings;
import dev.crosspt.train.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Each router's cost per training step against the {@code table}: the trainer's own step (router, selector,
 * composition, the backbone's forward and backward, clipping and AdamW) on a T5-small shape with random weights,
 * timed between consecutive steps of a real {@link MultiTaskTrainer} run. Routers take turns within each round, so
 * that a machine whose speed drifts slows them alike.
 */
public final class RouterBenchmark {

    /** The routers compared, the baseline first. */
    public static final List<String> ROUTERS = List.of("table", "linear", "mlp", "instance");

    private static final int WORDS = 1000;

    /**
     * @param steps timed steps per router and round
     * @param warmup steps run before the timed ones in each run
     * @param rounds how many times every router runs
     * @param batch examples per step
     * @param inputTokens tokens per input, {@code </s>} included
     * @param promptLength L, the length of each source and private prompt (the composed prompt's length)
     * @param sources M, the source prompts
     * @param seed the random weights' and the runs' seed
     */
    public record Settings(int steps, int warmup, int rounds, int batch, int inputTokens, int promptLength, int sources,
            long seed) {

        /** Checks the counts. */
        public Settings {
            if (steps < 1 || warmup < 0 || rounds < 1 || batch < 1 || inputTokens < 2 || promptLength < 1 || sources < 1) {
                throw new IllegalArgumentException("router benchmark: steps, rounds, batch, prompt length and sources"
                        + " must be positive, input tokens at least 2, warm-up 0 or more");
            }
        }
    }

    /**
     * @param seconds per router, the seconds of every timed step over all rounds
     * @param overhead per router, its median step time over the table's, minus 1
     */
    public record Result(Map<String, Spread> seconds, Map<String, Double> overhead) {}

    private final Settings settings;
    private final Path workDir;
    private final Function<Path, BackboneAdapter> loader;
    private final Consumer<String> progress;

    /**
     * @param workDir where the random checkpoint is written (deleted by the caller)
     * @param loader loads the backbone from a model directory
     * @param progress receives one line per run
     */
    public RouterBenchmark(Settings settings, Path workDir, Function<Path, BackboneAdapter> loader,
            Consumer<String> progress) {
        this.settings = settings;
        this.workDir = workDir;
        this.loader = loader;
        this.progress = progress;
    }

    /** Runs every router {@code rounds} times. */
    public Result run() {
        progress.accept("writing a random T5-small-shaped checkpoint with a " + WORDS + "-word tokenizer");
        Path model = RandomT5Checkpoint.of(RandomT5Checkpoint.t5SmallShape(), settings.seed())
                .write(workDir.resolve("t5-small-random"));
        List<String> words = new ArrayList<>(List.of("yes", "no"));
        for (int i = 0; i < WORDS; i++) {
            words.add("w" + i);
        }
        try {
            Files.writeString(model.resolve("tokenizer.json"), WordTokenizerJson.of(words));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TaskData> tasks = List.of(task("first", 1), task("second", 2));
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        try (BackboneAdapter backbone = loader.apply(model)) {
            for (int round = 1; round <= settings.rounds(); round++) {
                for (String router : ROUTERS) {
                    List<Double> timed = timeSteps(backbone, tasks, router);
                    progress.accept(String.format(java.util.Locale.ROOT, "round %d, %s: %s s per step", round, router,
                            timed.stream().map(s -> String.format(java.util.Locale.ROOT, "%.3f", s)).toList()));
                    seconds.computeIfAbsent(router, k -> new ArrayList<>()).addAll(timed);
                }
            }
        }
        Map<String, Spread> spreads = new LinkedHashMap<>();
        seconds.forEach((router, values) -> spreads.put(router, Spread.of(values.stream().mapToDouble(d -> d).toArray())));
        Map<String, Double> overhead = new LinkedHashMap<>();
        double table = spreads.get("table").median();
        spreads.forEach((router, spread) -> overhead.put(router, spread.median() / table - 1));
        return new Result(spreads, overhead);
    }

    /** One run of {@code router}: the seconds between consecutive steps after the warm-up. */
    private List<Double> timeSteps(BackboneAdapter backbone, List<TaskData> tasks, String router) {
        int total = settings.warmup() + settings.steps() + 1;
        TrainingSettings training = TrainingSettings.builder().variant(Variant.SLP).sources(settings.sources())
                .promptLength(settings.promptLength()).encoder(PromptEncoderKind.LINEAR).router(router, Map.of())
                .selector("softmax", Map.of()).composer("weighted-sum", Map.of()).schedule("constant", Map.of())
                .batchSize(settings.batch()).steps(total).evalEvery(total).seed(settings.seed()).build();
        List<Long> ends = new ArrayList<>();
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, training, null, new TrainingListener() {
            @Override
            public void onStep(int step, double loss) {
                ends.add(System.nanoTime());
            }
        })) {
            trainer.train();
        }
        // step s ran between the end of step s - 1 and its own end; the first step follows the step-0 evaluation
        List<Double> out = new ArrayList<>();
        for (int s = settings.warmup() + 1; s < ends.size(); s++) {
            out.add((ends.get(s) - ends.get(s - 1)) / 1e9);
        }
        return out;
    }

    /** A yes/no task of random inputs of exactly {@code inputTokens - 1} words (and {@code </s>}). */
    private TaskData task(String name, int stream) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 31 + stream);
        List<Example> train = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            train.add(example(random, i));
        }
        return new TaskData(name, List.of("yes", "no"), train, List.of(example(random, 0)), List.of(example(random, 1)));
    }

    private Example example(SplittableRandom random, int i) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < settings.inputTokens() - 1; w++) {
            text.append(w == 0 ? "" : " ").append("w").append(random.nextInt(WORDS));
        }
        return new Example(text.toString(), i % 2 == 0 ? "yes" : "no");
    }
}
