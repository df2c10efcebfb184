package dev.crosspt.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds models in the local Hugging Face hub cache, laid out as huggingface_hub writes it:
 * {@code <hub>/models--ORG--NAME/refs/main} holds a revision and {@code snapshots/<revision>/} the files.
 *
 * <p>Only reads: crosspt never downloads at run time, so a model that is not cached is an error that says
 * how to fetch it. The environment is passed in rather than read here, so callers and tests control it.
 */
public final class HfCache {

    /** A hub repo id: ORG/NAME of letters, digits, '-', '_' and '.', not starting with '.' or '-'. */
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*/[A-Za-z0-9_][A-Za-z0-9._-]*");

    /** A revision is a commit hash or a ref-like name; never a path that could leave the snapshots folder. */
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private HfCache() {
    }

    /**
     * Returns the hub cache directory as huggingface_hub chooses it: {@code HF_HUB_CACHE}; else
     * {@code HF_HOME/hub}; else {@code XDG_CACHE_HOME/huggingface/hub}; else
     * {@code ~/.cache/huggingface/hub}. A leading {@code ~/} in a variable means the user's home.
     *
     * @param env the environment, usually {@link System#getenv()}
     * @return the hub directory, which need not exist
     */
    public static Path hubDir(Map<String, String> env) {
        String hub = nonBlank(env.get("HF_HUB_CACHE"));
        if (hub != null) {
            return expandHome(hub);
        }
        String home = nonBlank(env.get("HF_HOME"));
        if (home != null) {
            return expandHome(home).resolve("hub");
        }
        String xdg = nonBlank(env.get("XDG_CACHE_HOME"));
        if (xdg != null) {
            return expandHome(xdg).resolve("huggingface").resolve("hub");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Path expandHome(String s) {
        if (s.equals("~") || s.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + s.substring(1));
        }
        return Path.of(s);
    }

    /**
     * Finds the cached snapshot of a model: the revision named by {@code refs/main}, or, without a usable
     * ref, the only snapshot or else the most recently modified one.
     *
     * @param repoId the model name, such as {@code google-t5/t5-base}
     * @param hubDir the hub cache directory, see {@link #hubDir(Map)}
     * @return the snapshot directory, or empty if the model is not cached
     */
    public static Optional<Path> findSnapshot(String repoId, Path hubDir) {
        Path repo = repoDir(repoId, hubDir);
        Path snapshots = repo.resolve("snapshots");
        Path ref = repo.resolve("refs").resolve("main");
        if (Files.isRegularFile(ref)) {
            try {
                String rev = Files.readString(ref, StandardCharsets.UTF_8).trim();
                if (REVISION.matcher(rev).matches() && Files.isDirectory(snapshots.resolve(rev))) {
                    return Optional.of(snapshots.resolve(rev));
                }
            } catch (IOException e) {
                // An unreadable ref is treated like a missing one: the snapshots themselves are the truth.
            }
        }
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(snapshots)) {
            s.filter(Files::isDirectory).forEach(dirs::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        return dirs.stream().max(Comparator.comparing(HfCache::modified).thenComparing(Path::toString));
    }

    private static Path repoDir(String repoId, Path hubDir) {
        return hubDir.resolve("models--" + repoId.replace("/", "--"));
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Turns a {@code --model} argument into a model directory: an existing directory as is, otherwise a
     * hub name ({@code ORG/NAME}) looked up in the local cache.
     *
     * @param nameOrDir a directory or a model name
     * @param env the environment, for {@link #hubDir(Map)}
     * @return the directory holding config.json and the weights
     * @throws CheckpointException if it is neither an existing directory nor a cached model; the message
     *     says where it looked and how to get the model
     */
    public static Path resolveModel(String nameOrDir, Map<String, String> env) {
        try {
            Path p = Path.of(nameOrDir);
            if (Files.isDirectory(p)) {
                return p;
            }
        } catch (InvalidPathException e) {
            // Not a usable path; it may still be a model name.
        }
        if (!REPO_ID.matcher(nameOrDir).matches()) {
            throw new CheckpointException(nameOrDir + ": no such directory, and not a Hugging Face model name "
                    + "(ORG/NAME, such as google-t5/t5-base); pass --model DIR with a local model directory, or "
                    + "download a model with `./crosspt fetch model NAME` (needs internet)");
        }
        Path hub = hubDir(env);
        return findSnapshot(nameOrDir, hub).orElseThrow(() -> new CheckpointException("model '" + nameOrDir
                + "' is not a directory and not in the Hugging Face cache (looked in " + repoDir(nameOrDir, hub)
                + "); download it with `./crosspt fetch model " + nameOrDir + "` (needs internet), or pass "
                + "--model DIR with a local model directory"));
    }
}
