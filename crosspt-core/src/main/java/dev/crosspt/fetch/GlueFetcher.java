package dev.crosspt.fetch;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.io.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches GLUE tasks ({@code ./crosspt fetch glue [TASKS]}) into a data folder, one folder per task as the
 * official {@code download_glue_data.py} leaves them: {@code CoLA/}, {@code SST-2/}, {@code MRPC/},
 * {@code QQP/}, {@code STS-B/}, {@code MNLI/}, {@code QNLI/}, {@code RTE/}, {@code WNLI/},
 * {@code diagnostic/}.
 *
 * <p>Downloads go to {@code <dir>/.downloads/} (resumable, verified) and are removed once the task folder is
 * built. A task folder is built under {@code <dir>/.staging-<task>/} and renamed into place, so it appears
 * complete or not at all; a task whose folder exists is skipped. A file can be fetched by hand by putting it
 * in {@code .downloads/} under the name its URL ends with: a copy that verifies is used as is.
 */
public final class GlueFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(GlueFetcher.class);

    /** Where {@code ./crosspt fetch glue} puts the tasks unless told otherwise. */
    public static final Path DEFAULT_DIR = Path.of("data", "glue");

    private static final String DOWNLOADS = ".downloads";

    private final Downloader downloader;
    private final GlueManifest manifest;

    /**
     * Creates a fetcher.
     *
     * @param downloader the downloader (no token: GLUE is public)
     * @param manifest the tasks and their addresses, usually {@link GlueManifest#official()}
     */
    public GlueFetcher(Downloader downloader, GlueManifest manifest) {
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
    }

    /**
     * The official downloads with default settings.
     *
     * @return the fetcher
     */
    public static GlueFetcher official() {
        return new GlueFetcher(new Downloader(DownloadSettings.defaults()), GlueManifest.official());
    }

    /**
     * The tasks this fetcher knows.
     *
     * @return the manifest
     */
    public GlueManifest manifest() {
        return manifest;
    }

    /**
     * Fetches tasks into {@code dataDir}.
     *
     * @param taskNames task names or aliases, any case; empty or {@code all} for every task
     * @param dataDir the data folder, such as {@link #DEFAULT_DIR}; created if missing
     * @param progress gives the progress listener for each downloaded file, by its file name
     * @return each task's folder, in the order asked for
     * @throws InvalidInputException for an unknown task name (listing the known ones) before anything is
     *     downloaded
     * @throws FetchException if a download fails or does not verify, or an archive is unusable or hostile;
     *     the message says how to fetch the file by hand
     * @throws UncheckedIOException if the data folder cannot be written
     */
    public List<FetchedGlueTask> fetch(List<String> taskNames, Path dataDir,
            Function<String, DownloadProgress> progress) {
        List<GlueTaskSource> tasks = manifest.select(taskNames);
        Objects.requireNonNull(progress, "progress");
        List<FetchedGlueTask> fetched = new ArrayList<>();
        for (GlueTaskSource task : tasks) {
            fetched.add(fetchTask(task, dataDir.toAbsolutePath().normalize(), progress));
        }
        return fetched;
    }

    private FetchedGlueTask fetchTask(GlueTaskSource task, Path dataDir, Function<String, DownloadProgress> progress) {
        Path taskDir = dataDir.resolve(task.name());
        if (Files.isDirectory(taskDir)) {
            LOG.info("GLUE {}: already there ({})", task.name(), taskDir);
            return new FetchedGlueTask(task.name(), taskDir, true);
        }
        Path downloads = dataDir.resolve(DOWNLOADS);
        Path staging = dataDir.resolve(".staging-" + task.name());
        try {
            List<Path> files = new ArrayList<>();
            for (RemoteFile file : task.files()) {
                files.add(download(task, file, downloads, progress));
            }
            Directories.deleteTree(staging);
            Files.createDirectories(staging);
            try {
                moveIntoPlace(build(task, files, staging), taskDir);
            } catch (FetchException unusable) {
                deleteAll(files); // verified but unusable (a hostile or malformed archive): do not reuse it
                deleteIfEmpty(downloads);
                throw unusable;
            } finally {
                Directories.deleteTree(staging);
            }
            deleteAll(files);
            deleteIfEmpty(downloads);
            LOG.info("GLUE {}: {}", task.name(), taskDir);
            return new FetchedGlueTask(task.name(), taskDir, false);
        } catch (IOException e) {
            throw new UncheckedIOException("GLUE " + task.name() + ": cannot write " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    private Path download(GlueTaskSource task, RemoteFile file, Path downloads,
            Function<String, DownloadProgress> progress) {
        Path target = downloads.resolve(file.fileName());
        try {
            DownloadProgress listener = HubModelFetcher.listener(progress, file.fileName());
            return downloader.download(file.url(), target, file.expected(), listener).file();
        } catch (FetchException e) {
            throw new FetchException(file.url(), e.httpStatus(), "GLUE " + task.name() + ": " + e.getMessage()
                    + ". To fetch it by hand, save " + file.url() + " as " + target + " and run again", e);
        }
    }

    /** Builds the task folder inside {@code staging}; returns it. */
    private static Path build(GlueTaskSource task, List<Path> files, Path staging) throws IOException {
        switch (task.layout()) {
            case ZIP_ARCHIVE -> {
                ZipUnpacker.unpack(files.get(0), staging);
                return taskFolderIn(task, files.get(0), staging);
            }
            case MRPC_FROM_MSR_FILES -> {
                Path dir = staging.resolve(task.name());
                MrpcFiles.build(named(files, MrpcFiles.TRAIN), named(files, MrpcFiles.TEST),
                        named(files, MrpcFiles.DEV_IDS), dir);
                return dir;
            }
            case SINGLE_TSV -> {
                Path dir = staging.resolve(task.name());
                Files.createDirectories(dir);
                Files.copy(files.get(0), dir.resolve(task.name() + ".tsv"));
                return dir;
            }
            default -> throw new IllegalStateException("unknown layout " + task.layout());
        }
    }

    /** The archive's folder for the task: the one named like it, else its single top-level folder. */
    private static Path taskFolderIn(GlueTaskSource task, Path zip, Path staging) throws IOException {
        Path named = staging.resolve(task.name());
        if (Files.isDirectory(named)) {
            return named;
        }
        List<Path> top;
        try (Stream<Path> s = Files.list(staging)) {
            top = s.sorted().toList();
        }
        if (top.size() == 1 && Files.isDirectory(top.get(0))) {
            LOG.info("GLUE {}: the archive's folder is {}; saving it as {}", task.name(), top.get(0).getFileName(),
                    task.name());
            return top.get(0);
        }
        throw new FetchException(null, "GLUE " + task.name() + ": " + zip.getFileName() + " does not hold a "
                + task.name() + "/ folder (it holds " + top.stream().map(p -> p.getFileName().toString()).toList()
                + ")", null);
    }

    private static Path named(List<Path> files, String name) {
        return files.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the MRPC manifest has no " + name));
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteAll(List<Path> files) throws IOException {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
