package dev.crosspt.data.glue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads task directories whatever their layout, telling the layouts apart by their files:
 * <ol>
 *   <li>a {@code task.json} spec: a user's task ({@link SpecTaskReader});</li>
 *   <li>a SuperGLUE directory name ({@code BoolQ}, {@code CB}, {@code COPA}, {@code RTE}, {@code WiC}) with
 *       {@code train.jsonl}: SuperGLUE ({@link SuperGlueReader});</li>
 *   <li>a GLUE directory name ({@code CoLA}, {@code SST-2}, ...) with {@code train.tsv}, or any directory with
 *       {@code train.tsv} and MNLI's {@code dev_matched.tsv}: GLUE ({@link GlueReader});</li>
 *   <li>any directory with SQuAD's official {@code train-v1.1.json} or {@code train-v2.0.json} (and the matching
 *       {@code dev-} file): SQuAD, a question answering task named after the directory
 *       ({@link QuestionAnswerReader}).</li>
 * </ol>
 * Directory names are matched ignoring case, {@code -} and {@code _}. Task names are lower case: {@code cola},
 * {@code sst2}, {@code mrpc}, {@code qqp}, {@code stsb}, {@code mnli}, {@code qnli}, {@code rte}, {@code wnli};
 * {@code boolq}, {@code cb}, {@code copa}, {@code sg-rte} (SuperGLUE's RTE), {@code wic}; a spec's own name.
 */
public final class DatasetReader {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetReader.class);

    private DatasetReader() {
    }

    /**
     * Reads one task.
     *
     * @param taskDir a task directory, or a spec file itself
     * @throws InvalidInputException if the layout is not recognised (naming what was expected) or its files are bad
     */
    public static RawTask read(Path taskDir) {
        if (Files.isRegularFile(taskDir) && taskDir.getFileName().toString().endsWith(".json")) {
            return SpecTaskReader.read(taskDir);
        }
        if (!Files.isDirectory(taskDir)) {
            throw new InvalidInputException(taskDir + ": not a directory, expected a task directory or a "
                    + TaskSpec.FILE_NAME + " spec");
        }
        return detect(taskDir).orElseThrow(() -> new InvalidInputException(taskDir + ": not a task directory: "
                + expected(taskDir))).read();
    }

    /**
     * Reads every task directory directly under a root, such as the {@code glue_data} download, in name order.
     * Subdirectories that are not tasks (GLUE's {@code diagnostic}, SuperGLUE tasks crosspt does not read) are
     * skipped with a warning in the log; a directory that looks like a task but has bad files is an error.
     *
     * @throws InvalidInputException if the root holds no task directory, two tasks have one name, or a task's
     *     files are bad
     */
    public static List<RawTask> readAll(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root + ": not a directory, expected a folder of task directories");
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().toLowerCase(Locale.ROOT))
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(root + ": cannot list (" + e.getMessage() + ")", e);
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        List<RawTask> tasks = new ArrayList<>();
        for (Path dir : dirs) {
            Optional<Layout> layout = detect(dir);
            if (layout.isEmpty()) {
                if (GlueTask.forDirectory(name(dir)).isPresent() || SuperGlueTask.forDirectory(name(dir)).isPresent()) {
                    throw new InvalidInputException(dir + ": not a task directory: " + expected(dir));
                }
                LOG.warn("{}: skipped, not a task directory ({})", dir, expected(dir));
                continue;
            }
            RawTask task = layout.get().read();
            Path earlier = byName.putIfAbsent(task.name(), dir);
            if (earlier != null) {
                throw new InvalidInputException(root + ": two directories hold task '" + task.name() + "': "
                        + earlier.getFileName() + " and " + dir.getFileName());
            }
            tasks.add(task);
        }
        if (tasks.isEmpty()) {
            throw new InvalidInputException(root + ": no task directories found; expected subdirectories such as "
                    + "glue_data's CoLA/ or RTE/, SuperGLUE's BoolQ/, or directories with a " + TaskSpec.FILE_NAME);
        }
        return tasks;
    }

    /**
     * The names of the tasks {@link #readAll} (or {@link #read} for one task directory) would read, without reading
     * their files: what a spec's task list is checked against before anything runs.
     *
     * @throws InvalidInputException when {@code data} does not exist or a task.json cannot be read
     */
    public static List<String> taskNames(Path data) {
        if (!Files.exists(data)) {
            throw new InvalidInputException(data + ": no such folder");
        }
        if (Files.isRegularFile(data) || Files.exists(data.resolve("train.tsv"))
                || Files.exists(data.resolve("train.jsonl")) || Files.exists(data.resolve(TaskSpec.FILE_NAME))) {
            return nameOf(data).map(List::of).orElse(List.of());
        }
        try (Stream<Path> s = Files.list(data)) {
            return s.filter(Files::isDirectory).map(DatasetReader::nameOf).flatMap(Optional::stream).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(data + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** The task name of a recognised directory (or a task.json), as its reader would name it. */
    private static Optional<String> nameOf(Path dirOrSpec) {
        Path spec = Files.isRegularFile(dirOrSpec) ? dirOrSpec : dirOrSpec.resolve(TaskSpec.FILE_NAME);
        if (Files.isRegularFile(spec)) {
            return Optional.of(TaskSpec.load(spec).name());
        }
        String name = name(dirOrSpec);
        Optional<SuperGlueTask> sg = SuperGlueTask.forDirectory(name);
        if (sg.isPresent() && Files.isRegularFile(dirOrSpec.resolve("train.jsonl"))) {
            return Optional.of(sg.get().taskName());
        }
        if (Files.isRegularFile(dirOrSpec.resolve("train.tsv"))) {
            Optional<GlueTask> glue = GlueTask.forDirectory(name);
            if (glue.isEmpty() && Files.isRegularFile(dirOrSpec.resolve("dev_matched.tsv"))) {
                glue = Optional.of(GlueTask.MNLI);
            }
            return glue.map(GlueTask::taskName);
        }
        return Optional.empty();
    }

    /** How a recognised directory is read. */
    @FunctionalInterface
    private interface Layout {
        RawTask read();
    }

    private static Optional<Layout> detect(Path dir) {
        Path spec = dir.resolve(TaskSpec.FILE_NAME);
        if (Files.isRegularFile(spec)) {
            return Optional.of(() -> SpecTaskReader.read(spec));
        }
        if (QuestionAnswerReader.officialFiles(dir) != null) {
            return Optional.of(() -> QuestionAnswerReader.readSquadDirectory(dir));
        }
        String name = name(dir);
        Optional<SuperGlueTask> sg = SuperGlueTask.forDirectory(name);
        if (sg.isPresent() && Files.isRegularFile(dir.resolve("train.jsonl"))) {
            return Optional.of(() -> SuperGlueReader.read(dir, sg.get()));
        }
        if (Files.isRegularFile(dir.resolve("train.tsv"))) {
            Optional<GlueTask> glue = GlueTask.forDirectory(name);
            if (glue.isEmpty() && Files.isRegularFile(dir.resolve("dev_matched.tsv"))) {
                glue = Optional.of(GlueTask.MNLI);
            }
            if (glue.isPresent()) {
                GlueTask task = glue.get();
                return Optional.of(() -> GlueReader.read(dir, task));
            }
        }
        return Optional.empty();
    }

    private static String name(Path dir) {
        Path f = dir.toAbsolutePath().normalize().getFileName();
        return f == null ? "" : f.toString();
    }

    private static String expected(Path dir) {
        String name = name(dir);
        Optional<GlueTask> glue = GlueTask.forDirectory(name);
        Optional<SuperGlueTask> sg = SuperGlueTask.forDirectory(name);
        if (glue.isPresent() || sg.isPresent()) {
            List<String> wanted = new ArrayList<>();
            glue.ifPresent(t -> wanted.add("train.tsv (GLUE " + t.directory() + ")"));
            sg.ifPresent(t -> wanted.add("train.jsonl (SuperGLUE " + t.directory() + ")"));
            wanted.add(TaskSpec.FILE_NAME + " (a task spec)");
            return "missing required file: expected " + String.join(" or ", wanted);
        }
        return "expected a " + TaskSpec.FILE_NAME + " spec, a GLUE directory ("
                + String.join(", ", Stream.of(GlueTask.values()).map(GlueTask::directory).toList())
                + ") with train.tsv, or a SuperGLUE directory ("
                + String.join(", ", Stream.of(SuperGlueTask.values()).map(SuperGlueTask::directory).toList())
                + ") with train.jsonl";
    }
}
