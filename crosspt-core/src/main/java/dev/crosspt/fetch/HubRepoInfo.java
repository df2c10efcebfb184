package dev.crosspt.fetch;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model repo at one revision, read from the hub's answer to
 * {@code GET /api/models/{repo}/revision/{revision}?blobs=true}: the commit the revision points at and the
 * files at that commit.
 *
 * @param commit the commit hash (40 hex digits)
 * @param files every file in the repo by its path, in the hub's order
 */
public record HubRepoInfo(String commit, Map<String, HubFile> files) {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Freezes the file map. */
    public HubRepoInfo {
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * Reads the hub's JSON answer. Checksums that are not hex are rejected here, because they become file
     * names in the cache.
     *
     * @param url the address the answer came from, for messages
     * @param json the answer
     * @return the commit and files
     * @throws FetchException if the answer is not what the hub sends
     */
    public static HubRepoInfo parse(URI url, String json) {
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw bad(url, "expected a JSON object");
            }
            JsonObject o = root.getAsJsonObject();
            String commit = string(o, "sha");
            if (commit == null || !COMMIT.matcher(commit.toLowerCase(Locale.ROOT)).matches()) {
                throw bad(url, "no commit hash in \"sha\" (got " + o.get("sha") + ")");
            }
            Map<String, HubFile> files = new LinkedHashMap<>();
            JsonElement siblings = o.get("siblings");
            if (siblings == null || !siblings.isJsonArray()) {
                throw bad(url, "no \"siblings\" list of files");
            }
            for (JsonElement s : siblings.getAsJsonArray()) {
                HubFile f = file(url, s);
                files.put(f.name(), f);
            }
            return new HubRepoInfo(commit.toLowerCase(Locale.ROOT), files);
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException
                | UnsupportedOperationException e) {
            throw bad(url, "not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static HubFile file(URI url, JsonElement element) {
        if (!element.isJsonObject()) {
            throw bad(url, "a sibling is not an object: " + element);
        }
        JsonObject s = element.getAsJsonObject();
        String name = string(s, "rfilename");
        if (name == null || name.isEmpty()) {
            throw bad(url, "a sibling has no \"rfilename\": " + element);
        }
        long size = number(s, "size");
        String lfsSha = null;
        if (s.get("lfs") != null && s.get("lfs").isJsonObject()) {
            JsonObject lfs = s.getAsJsonObject("lfs");
            lfsSha = string(lfs, "sha256");
            if (lfsSha == null || !SHA256.matcher(lfsSha.toLowerCase(Locale.ROOT)).matches()) {
                throw bad(url, "'" + name + "' has no SHA-256 in \"lfs\": " + lfs);
            }
            lfsSha = lfsSha.toLowerCase(Locale.ROOT);
            if (number(lfs, "size") >= 0) {
                size = number(lfs, "size");
            }
        }
        String blobId = string(s, "blobId");
        if (blobId != null) {
            blobId = blobId.toLowerCase(Locale.ROOT);
            if (!COMMIT.matcher(blobId).matches()) {
                throw bad(url, "'" + name + "' has a \"blobId\" that is not 40 hex digits: " + blobId);
            }
        }
        return new HubFile(name, size, lfsSha, blobId);
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    private static long number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsLong() : -1;
    }

    private static FetchException bad(URI url, String what) {
        return new FetchException(url, url + ": unexpected answer from the hub: " + what, null);
    }

    /**
     * Looks up a file.
     *
     * @param name its path in the repo
     * @return the file, or empty if the repo has none by that name
     */
    public Optional<HubFile> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /**
     * Whether the repo has a file.
     *
     * @param name its path in the repo
     * @return true if it is listed
     */
    public boolean has(String name) {
        return files.containsKey(name);
    }
}
