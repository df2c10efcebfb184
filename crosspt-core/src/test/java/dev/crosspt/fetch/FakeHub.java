package dev.crosspt.fetch;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import dev.crosspt.testkit.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Hugging Face hub with one model repo, served from a {@link LoopbackServer}: the model API at
 * {@code /api/models/ORG/NAME/revision/main} and files at {@code /ORG/NAME/resolve/<commit>/<file>}. LFS files
 * are redirected to a second server, as the real hub redirects them to its CDN.
 */
final class FakeHub implements AutoCloseable {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private final String repoId;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Set<String> lfs;
    private final Map<String, String> wrongSha256 = new LinkedHashMap<>();
    final LoopbackServer hub;
    final LoopbackServer cdn;

    /** A repo with these files; those named in {@code lfs} are LFS files served through the CDN. */
    FakeHub(String repoId, Map<String, byte[]> files, Set<String> lfs) throws IOException {
        this.repoId = repoId;
        this.files.putAll(files);
        this.lfs = Set.copyOf(lfs);
        this.cdn = new LoopbackServer(this::serveCdn);
        this.hub = new LoopbackServer(this::serveHub);
    }

    /** Makes the API announce a wrong SHA-256 for an LFS file. */
    FakeHub withWrongSha256(String name) {
        wrongSha256.put(name, "f".repeat(64));
        return this;
    }

    URI endpoint() {
        return hub.uri("");
    }

    private void serveHub(HttpExchange ex, int n) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        if (path.equals("/api/models/" + repoId + "/revision/main")) {
            LoopbackServer.sendJson(ex, apiJson());
            return;
        }
        String prefix = "/" + repoId + "/resolve/" + COMMIT + "/";
        String name = path.startsWith(prefix) ? path.substring(prefix.length()) : null;
        if (name == null || !files.containsKey(name)) {
            LoopbackServer.sendStatus(ex, 404, "{\"error\":\"Entry not found\"}");
        } else if (lfs.contains(name)) {
            LoopbackServer.redirect(ex, cdn.uri("/blobs/" + name));
        } else {
            LoopbackServer.sendBytes(ex, files.get(name), true);
        }
    }

    private void serveCdn(HttpExchange ex, int n) throws IOException {
        String name = ex.getRequestURI().getRawPath().substring("/blobs/".length());
        LoopbackServer.sendBytes(ex, files.get(name), true);
    }

    private String apiJson() {
        JsonObject root = new JsonObject();
        root.addProperty("id", repoId);
        root.addProperty("sha", COMMIT);
        JsonArray siblings = new JsonArray();
        files.forEach((name, data) -> {
            JsonObject s = new JsonObject();
            s.addProperty("rfilename", name);
            s.addProperty("blobId", TestBytes.gitBlobSha1(name.getBytes(StandardCharsets.UTF_8))); // any id
            s.addProperty("size", data.length);
            if (lfs.contains(name)) {
                JsonObject l = new JsonObject();
                l.addProperty("sha256", wrongSha256.getOrDefault(name, TestBytes.sha256(data)));
                l.addProperty("size", data.length);
                l.addProperty("pointerSize", 134);
                s.add("lfs", l);
            } else {
                s.addProperty("blobId", TestBytes.gitBlobSha1(data));
            }
            siblings.add(s);
        });
        root.add("siblings", siblings);
        return root.toString();
    }

    /** The blob name huggingface_hub would use for a file. */
    String blobName(String name) {
        return lfs.contains(name) ? TestBytes.sha256(files.get(name)) : TestBytes.gitBlobSha1(files.get(name));
    }

    @Override
    public void close() {
        hub.close();
        cdn.close();
    }
}
