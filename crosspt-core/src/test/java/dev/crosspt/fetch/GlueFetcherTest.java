package dev.crosspt.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.testkit.LoopbackServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class GlueFetcherTest {

    @TempDir
    Path tmp;

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Serves files by path. */
    private static LoopbackServer serve(Map<String, byte[]> files) throws IOException {
        return new LoopbackServer((ex, n) -> {
            byte[] data = files.get(ex.getRequestURI().getRawPath());
            if (data == null) {
                LoopbackServer.sendStatus(ex, 404, "");
            } else {
                LoopbackServer.sendBytes(ex, data, true);
            }
        });
    }

    private static GlueTaskSource task(String name, GlueTaskSource.Layout layout, LoopbackServer server,
            Map<String, byte[]> files) {
        return new GlueTaskSource(name, List.of(), layout, files.entrySet().stream().map(e -> new RemoteFile(
                server.uri(e.getKey()), ExpectedContent.of(e.getValue().length, TestBytes.sha256(e.getValue()))))
                .toList());
    }

    private static GlueFetcher fetcher(GlueTaskSource... tasks) {
        return new GlueFetcher(new Downloader(TestBytes.fastSettings()), new GlueManifest(List.of(tasks)));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString().replace('\\', '/')).filter(p -> !p.isEmpty()).sorted()
                    .toList();
        }
    }

    @Test
    void unpacksAnArchiveIntoItsTaskFolderOnce() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("CoLA/", "");
        entries.put("CoLA/train.tsv", "gj04\t1\t\tOur friends won't buy this analysis.\n");
        entries.put("CoLA/dev.tsv", "gj04\t0\t*\tThey drank the pub.\n");
        entries.put("CoLA/original/raw.tsv", "raw\n");
        entries.put("__MACOSX/CoLA/._train.tsv", "resource fork");
        Map<String, byte[]> files = Map.of("/glue/data/CoLA.zip", zip(entries));
        Path data = tmp.resolve("data/glue");
        try (LoopbackServer server = serve(files)) {
            GlueFetcher fetcher = fetcher(task("CoLA", GlueTaskSource.Layout.ZIP_ARCHIVE, server, files));
            List<FetchedGlueTask> result = fetcher.fetch(List.of("cola"), data, f -> DownloadProgress.none());
            assertEquals(List.of(new FetchedGlueTask("CoLA", data.toAbsolutePath().resolve("CoLA"), false)), result);
            assertEquals(List.of("CoLA", "CoLA/dev.tsv", "CoLA/original", "CoLA/original/raw.tsv", "CoLA/train.tsv"),
                    listing(data));
            assertEquals("gj04\t0\t*\tThey drank the pub.\n", Files.readString(data.resolve("CoLA/dev.tsv")));

            assertTrue(fetcher.fetch(List.of(), data, f -> DownloadProgress.none()).get(0).alreadyPresent());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void anArchiveWhoseFolderHasAnotherNameIsSavedUnderTheTaskName() throws Exception {
        Map<String, byte[]> files = Map.of("/QNLIv2.zip", zip(Map.of("QNLIv2/train.tsv", "x\n")));
        Path data = tmp.resolve("glue");
        try (LoopbackServer server = serve(files)) {
            fetcher(task("QNLI", GlueTaskSource.Layout.ZIP_ARCHIVE, server, files)).fetch(List.of("QNLI"), data,
                    f -> DownloadProgress.none());
            assertEquals(List.of("QNLI", "QNLI/train.tsv"), listing(data));
        }
    }

    @Test
    void aZipSlipEntryIsRejectedAndNothingIsWritten() throws Exception {
        for (String hostile : List.of("../evil.tsv", "CoLA/../../evil.tsv")) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("CoLA/train.tsv", "fine\n");
            entries.put(hostile, "gotcha\n");
            Map<String, byte[]> files = Map.of("/CoLA.zip", zip(entries));
            Path data = tmp.resolve("data");
            try (LoopbackServer server = serve(files)) {
                FetchException e = assertThrows(FetchException.class, () -> fetcher(task("CoLA",
                        GlueTaskSource.Layout.ZIP_ARCHIVE, server, files)).fetch(List.of("CoLA"), data,
                        f -> DownloadProgress.none()));
                assertTrue(e.getMessage().contains("'" + hostile + "' would be written outside"), e.getMessage());
            }
            assertFalse(Files.exists(tmp.resolve("evil.tsv")));
            assertFalse(Files.exists(data.resolve("evil.tsv")));
            assertEquals(List.of(), listing(data), "nothing left in " + data);
        }
    }

    @Test
    void mrpcIsBuiltFromMicrosoftsFilesAsTheOfficialScriptDoes() throws Exception {
        String header = "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String";
        String train = header + "\r\n1\t10\t11\tA cat sat.\tA cat was sitting.\r\n"
                + "0\t20\t21\tIt rained.\tIt was sunny.\r\n1\t30\t31\tHe left.\tHe went away.\r\n";
        String test = header + "\n1\t40\t41\tX.\tY.\n0\t50\t51\tP.\tQ.\n";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/senteval/msr_paraphrase_train.txt", train.getBytes(StandardCharsets.UTF_8));
        files.put("/senteval/msr_paraphrase_test.txt", test.getBytes(StandardCharsets.UTF_8));
        files.put("/glue/data/mrpc_dev_ids.tsv", "20\t21\n".getBytes(StandardCharsets.UTF_8));
        Path data = tmp.resolve("glue");
        try (LoopbackServer server = serve(files)) {
            fetcher(task("MRPC", GlueTaskSource.Layout.MRPC_FROM_MSR_FILES, server, files)).fetch(List.of("mrpc"), data,
                    f -> DownloadProgress.none());
        }
        Path mrpc = data.resolve("MRPC");
        assertEquals(header + "\n1\t10\t11\tA cat sat.\tA cat was sitting.\n1\t30\t31\tHe left.\tHe went away.\n",
                Files.readString(mrpc.resolve("train.tsv")));
        assertEquals(header + "\n0\t20\t21\tIt rained.\tIt was sunny.\n", Files.readString(mrpc.resolve("dev.tsv")));
        assertEquals("index\t#1 ID\t#2 ID\t#1 String\t#2 String\n0\t40\t41\tX.\tY.\n1\t50\t51\tP.\tQ.\n",
                Files.readString(mrpc.resolve("test.tsv")));
        assertEquals(List.of("MRPC", "MRPC/dev.tsv", "MRPC/dev_ids.tsv", "MRPC/msr_paraphrase_test.txt",
                "MRPC/msr_paraphrase_train.txt", "MRPC/test.tsv", "MRPC/train.tsv"), listing(data));
    }

    @Test
    void theDiagnosticSetIsOneFileInItsFolder() throws Exception {
        Map<String, byte[]> files = Map.of("/glue/data/AX.tsv", "index\tsentence1\n".getBytes(StandardCharsets.UTF_8));
        Path data = tmp.resolve("glue");
        try (LoopbackServer server = serve(files)) {
            fetcher(task("diagnostic", GlueTaskSource.Layout.SINGLE_TSV, server, files)).fetch(List.of("all"), data,
                    f -> DownloadProgress.none());
        }
        assertEquals("index\tsentence1\n", Files.readString(data.resolve("diagnostic/diagnostic.tsv")));
    }

    @Test
    void aFailedDownloadSaysHowToFetchTheFileByHand() throws Exception {
        Map<String, byte[]> files = Map.of("/RTE.zip", new byte[] {1});
        Path data = tmp.resolve("glue");
        try (LoopbackServer server = serve(Map.of())) {
            FetchException e = assertThrows(FetchException.class, () -> fetcher(task("RTE",
                    GlueTaskSource.Layout.ZIP_ARCHIVE, server, files)).fetch(List.of("RTE"), data,
                    f -> DownloadProgress.none()));
            assertTrue(e.getMessage().startsWith("GLUE RTE: " + server.uri("/RTE.zip") + ": HTTP 404"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("save " + server.uri("/RTE.zip") + " as "
                    + data.toAbsolutePath().resolve(".downloads/RTE.zip")), e.getMessage());
        }
    }

    @Test
    void taskNamesAcceptAliasesAndUnknownOnesListTheKnown() {
        GlueManifest official = GlueManifest.official();
        assertEquals(List.of("CoLA", "SST-2", "MRPC", "QQP", "STS-B", "MNLI", "QNLI", "RTE", "WNLI", "diagnostic"),
                official.names());
        assertEquals(List.of("SST-2", "STS-B", "CoLA", "diagnostic"), official.select(List.of("sst", "sts-b",
                "cola", "CoLA", "ax")).stream().map(GlueTaskSource::name).toList());
        assertEquals(10, official.select(List.of()).size());
        assertEquals(10, official.select(List.of("rte", "ALL")).size());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> official.select(List.of("colaa")));
        assertTrue(e.getMessage().contains("unknown GLUE task 'colaa'; did you mean 'CoLA'?"), e.getMessage());
        assertTrue(e.getMessage().contains("Known: CoLA, SST-2, MRPC, QQP, STS-B, MNLI, QNLI, RTE, WNLI, "
                + "diagnostic (or all)"), e.getMessage());
    }

    @Test
    void theOfficialManifestUsesTheOfficialAddressesAndCanBeRebased() {
        GlueManifest official = GlueManifest.official();
        GlueTaskSource cola = official.select(List.of("CoLA")).get(0);
        assertEquals("https://dl.fbaipublicfiles.com/glue/data/CoLA.zip", cola.files().get(0).url().toString());
        assertEquals(376_971, cola.files().get(0).expected().size());
        assertTrue(official.tasks().stream().allMatch(t -> t.files().stream().allMatch(
                f -> f.url().getHost().equals("dl.fbaipublicfiles.com") && f.expected().sha256() != null)));
        GlueManifest mirror = official.rebased(java.net.URI.create("http://127.0.0.1:9/mirror/"));
        assertEquals("http://127.0.0.1:9/mirror/glue/data/QNLIv2.zip",
                mirror.select(List.of("qnli")).get(0).files().get(0).url().toString());
        assertEquals("http://127.0.0.1:9/mirror/senteval/senteval_data/msr_paraphrase_train.txt",
                mirror.select(List.of("mrpc")).get(0).files().get(0).url().toString());
    }
}
