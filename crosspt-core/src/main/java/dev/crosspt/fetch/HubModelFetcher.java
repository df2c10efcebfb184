package dev.crosspt.fetch;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.HfCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the files a T5 needs from a Hugging Face model repo ({@code ./crosspt fetch model ORG/NAME}) into
 * the hub cache, laid out exactly as huggingface_hub lays it out, so that transformers and
 * {@link HfCache#resolveModel} both find it:
 *
 * <pre>
 * &lt;hub&gt;/models--ORG--NAME/blobs/&lt;sha256 or git object id&gt;      the content
 * &lt;hub&gt;/models--ORG--NAME/snapshots/&lt;commit&gt;/config.json  -&gt; ../../blobs/... (a copy where links fail)
 * &lt;hub&gt;/models--ORG--NAME/refs/main                          the commit, written last
 * </pre>
 *
 * <p>Fetched: config.json, generation_config.json, tokenizer.json, tokenizer_config.json, spiece.model and
 * special_tokens_map.json where present, and the weights: model.safetensors, or model.safetensors.index.json
 * and every shard it lists. Every file is verified (LFS files by SHA-256, the rest by git object id) before it
 * goes into the cache, and cached blobs are not downloaded again. The ref is written only once every file is
 * in place, so an interrupted fetch never makes a half-fetched snapshot the current one.
 */
public final class HubModelFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(HubModelFetcher.class);

    /** The public hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    /** A hub repo id, as {@link HfCache} accepts it. */
    private static final Pattern REPO_ID =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*/[A-Za-z0-9_][A-Za-z0-9._-]*");

    /** A branch, tag, pull-request ref or commit: no path that could leave refs/ or snapshots/. */
    private static final Pattern REVISION =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private final Downloader downloader;
    private final URI endpoint;
    private final Path hubDir;
    private final boolean useSymlinks;

    /**
     * Creates a fetcher.
     *
     * @param downloader the downloader, carrying the hub token if there is one
     * @param endpoint the hub, such as {@link #DEFAULT_ENDPOINT} or a mirror; tests use a local server
     * @param hubDir the hub cache directory, usually {@link HfCache#hubDir(Map)}
     */
    public HubModelFetcher(Downloader downloader, URI endpoint, Path hubDir) {
        this(downloader, endpoint, hubDir, true);
    }

    /** As the public constructor; {@code useSymlinks} false makes copies, as on file systems without links. */
    HubModelFetcher(Downloader downloader, URI endpoint, Path hubDir, boolean useSymlinks) {
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.endpoint = withoutTrailingSlash(Objects.requireNonNull(endpoint, "endpoint"));
        this.hubDir = Objects.requireNonNull(hubDir, "hubDir");
        this.useSymlinks = useSymlinks;
    }

    /**
     * A fetcher configured as huggingface_hub would be: endpoint from {@code HF_ENDPOINT} (default
     * https://huggingface.co), token from {@code HF_TOKEN} (or the older {@code HUGGING_FACE_HUB_TOKEN}),
     * cache from {@code HF_HUB_CACHE} / {@code HF_HOME} (see {@link HfCache#hubDir(Map)}).
     *
     * @param env the environment, usually {@link System#getenv()}
     * @return the fetcher
     * @throws InvalidInputException if {@code HF_ENDPOINT} is not an http(s) address
     */
    public static HubModelFetcher fromEnvironment(Map<String, String> env) {
        String token = nonBlank(env.get("HF_TOKEN"));
        if (token == null) {
            token = nonBlank(env.get("HUGGING_FACE_HUB_TOKEN"));
        }
        String endpoint = nonBlank(env.get("HF_ENDPOINT"));
        return new HubModelFetcher(new Downloader(DownloadSettings.defaults().withBearerToken(token)),
                endpoint == null ? DEFAULT_ENDPOINT : parseEndpoint(endpoint), HfCache.hubDir(env));
    }

    private static URI parseEndpoint(String text) {
        try {
            URI u = URI.create(text);
            if (u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidInputException("HF_ENDPOINT='" + text + "' is not an http(s) address such as "
                + DEFAULT_ENDPOINT);
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static URI withoutTrailingSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
    }

    /**
     * The hub cache directory this fetcher writes to.
     *
     * @return the hub directory
     */
    public Path hubDir() {
        return hubDir;
    }

    /**
     * Fetches a model's T5 files at a revision into the cache.
     *
     * @param repoId the model name, {@code ORG/NAME}
     * @param revision a branch, tag or commit, usually {@code main}
     * @param progress gives the progress listener for each file, by its repo path (the CLI's progress bar)
     * @return the snapshot directory and what was fetched
     * @throws InvalidInputException for a malformed name or revision
     * @throws FetchException if the model or revision does not exist or is not accessible, if it has no
     *     safetensors weights (nothing is downloaded then), or if a download fails or does not verify
     * @throws UncheckedIOException if the cache cannot be written
     */
    public FetchedModel fetch(String repoId, String revision, Function<String, DownloadProgress> progress) {
        checkNames(repoId, revision);
        Objects.requireNonNull(progress, "progress");
        HubRepoInfo info = repoInfo(repoId, revision);
        List<String> warnings = new ArrayList<>();
        List<String> names = new ArrayList<>(T5Files.choose(repoId, revision, info, warnings));
        Path repoDir = hubDir.resolve("models--" + repoId.replace("/", "--"));
        Path snapshot = repoDir.resolve("snapshots").resolve(info.commit());
        long downloaded = 0;
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                HubFile file = info.file(name).orElseThrow();
                DownloadResult result = fetchBlob(repoId, info.commit(), repoDir, file, listener(progress, name));
                downloaded += result.alreadyPresent() ? 0 : result.size();
                if (name.equals(T5Files.WEIGHTS_INDEX)) {
                    names.addAll(T5Files.shards(repoId, info, result.file()));
                }
            }
            for (String name : names) {
                Path blob = repoDir.resolve("blobs").resolve(blobName(repoId, info.file(name).orElseThrow()));
                SnapshotLinks.link(blob, snapshot.resolve(name), useSymlinks);
            }
            if (!revision.equals(info.commit())) {
                writeRef(repoDir.resolve("refs").resolve(revision), info.commit());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Hugging Face cache at " + repoDir + ": "
                    + e.getMessage(), e);
        }
        LOG.info("{} at {} ({}): {} files in {}", repoId, revision, info.commit(), names.size(), snapshot);
        return new FetchedModel(repoId, revision, info.commit(), snapshot, names, downloaded, warnings);
    }

    /** The caller's listener for a file, or a silent one when it gives none. */
    static DownloadProgress listener(Function<String, DownloadProgress> progress, String name) {
        DownloadProgress p = progress.apply(name);
        return p == null ? DownloadProgress.none() : p;
    }

    private static void checkNames(String repoId, String revision) {
        if (repoId == null || !REPO_ID.matcher(repoId).matches()) {
            throw new InvalidInputException("'" + repoId + "' is not a Hugging Face model name; expected ORG/NAME, "
                    + "such as google-t5/t5-base");
        }
        if (revision == null || !REVISION.matcher(revision).matches() || revision.contains("..")) {
            throw new InvalidInputException("'" + revision + "' is not a usable revision; expected a branch, tag "
                    + "or commit such as main");
        }
    }

    /** Asks the hub which commit the revision is and which files it has, explaining the usual refusals. */
    private HubRepoInfo repoInfo(String repoId, String revision) {
        URI url = URI.create(endpoint + "/api/models/" + repoId + "/revision/" + UrlPaths.encodeSegment(revision)
                + "?blobs=true");
        try {
            return HubRepoInfo.parse(url, downloader.fetchText(url));
        } catch (FetchException e) {
            String token = downloader.settings().bearerToken() == null ? "no HF_TOKEN is set" : "HF_TOKEN is set";
            String why = switch (e.httpStatus()) {
                case 401, 404 -> "model '" + repoId + "' or its revision '" + revision + "' was not found on "
                        + endpoint + " (HTTP " + e.httpStatus() + "); check the name (ORG/NAME) and revision; a "
                        + "private model needs a token in HF_TOKEN (" + token + ")";
                case 403 -> "access to model '" + repoId + "' is restricted (HTTP 403); accept its terms on its hub "
                        + "page and set HF_TOKEN to a token of that account (" + token + ")";
                default -> null;
            };
            if (why == null) {
                throw e;
            }
            throw new FetchException(url, e.httpStatus(), why, e);
        }
    }

    private DownloadResult fetchBlob(String repoId, String commit, Path repoDir, HubFile file,
            DownloadProgress progress) {
        URI url = URI.create(endpoint + "/" + repoId + "/resolve/" + commit + "/"
                + UrlPaths.encodePath(file.name()));
        Path blob = repoDir.resolve("blobs").resolve(blobName(repoId, file));
        return downloader.download(url, blob, file.expected(), progress);
    }

    private static String blobName(String repoId, HubFile file) {
        if (file.blobName() == null) {
            throw new FetchException(null, "the hub listed '" + file.name() + "' of '" + repoId + "' without a "
                    + "checksum (no \"lfs\" or \"blobId\"), so it cannot be verified or cached", null);
        }
        return file.blobName();
    }

    private static void writeRef(Path ref, String commit) throws IOException {
        Files.createDirectories(ref.getParent());
        Path tmp = ref.resolveSibling("." + ref.getFileName() + ".writing");
        Files.writeString(tmp, commit, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, ref, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
