package dev.crosspt.fetch;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.Plugins;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The GLUE tasks crosspt can fetch, and where from.
 *
 * <p>{@link #official()} uses the addresses of the official {@code download_glue_data.py}
 * (https://dl.fbaipublicfiles.com/glue/data/...), with the sizes and SHA-256 checksums recorded for the same
 * addresses in the Hugging Face {@code datasets} GLUE metadata. MRPC is not one archive: as in the official
 * script, it is built from the SentEval copies of Microsoft's corpus on the same server
 * ({@code senteval/senteval_data/msr_paraphrase_{train,test}.txt}) and GLUE's list of dev pairs
 * ({@code glue/data/mrpc_dev_ids.tsv}).
 *
 * @param tasks the tasks, in the order "all" fetches them
 */
public record GlueManifest(List<GlueTaskSource> tasks) {

    private static final String GLUE = "https://dl.fbaipublicfiles.com/glue/data/";
    private static final String SENTEVAL = "https://dl.fbaipublicfiles.com/senteval/senteval_data/";

    /** Freezes the list and rejects two tasks answering to one name. */
    public GlueManifest {
        tasks = List.copyOf(tasks);
        Set<String> seen = new LinkedHashSet<>();
        for (GlueTaskSource t : tasks) {
            List<String> names = new ArrayList<>(t.aliases());
            names.add(t.name());
            for (String n : names) {
                if (!seen.add(GlueTaskSource.normalise(n))) {
                    throw new IllegalArgumentException("two GLUE tasks answer to the name '" + n + "'");
                }
            }
        }
    }

    /**
     * The official GLUE downloads.
     *
     * @return CoLA, SST-2, MRPC, QQP, STS-B, MNLI, QNLI, RTE, WNLI and the diagnostic set
     */
    public static GlueManifest official() {
        return new GlueManifest(List.of(
                archive("CoLA", List.of(), "CoLA.zip", 376_971,
                        "f212fcd832b8f7b435fb991f101abf89f96b933ab400603bf198960dfc32cbff"),
                archive("SST-2", List.of("SST"), "SST-2.zip", 7_439_277,
                        "d67e16fb55739c1b32cdce9877596db1c127dc322d93c082281f64057c16deaa"),
                new GlueTaskSource("MRPC", List.of(), GlueTaskSource.Layout.MRPC_FROM_MSR_FILES, List.of(
                        RemoteFile.of(SENTEVAL + "msr_paraphrase_train.txt", 1_047_044,
                                "60a9b09084528f0673eedee2b69cb941920f0b8cd0eeccefc464a98768457f89"),
                        RemoteFile.of(SENTEVAL + "msr_paraphrase_test.txt", 441_275,
                                "a04e271090879aaba6423d65b94950c089298587d9c084bf9cd7439bd785f784"),
                        RemoteFile.of(GLUE + "mrpc_dev_ids.tsv", 6_222,
                                "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7"))),
                archive("QQP", List.of(), "QQP-clean.zip", 41_696_084,
                        "40e7c862c04eb26ee04b67fd900e76c45c6ba8e6d8fab4f8f1f8072a1a3fbae0"),
                archive("STS-B", List.of("STS"), "STS-B.zip", 802_872,
                        "e60a6393de5a8b5b9bac5020a1554b54e3691f9d600b775bd131e613ac179c85"),
                archive("MNLI", List.of(), "MNLI.zip", 312_783_507,
                        "e7c1d896d26ed6caf700110645df426cc2d8ebf02a5ab743d5a5c68ac1c83633"),
                archive("QNLI", List.of(), "QNLIv2.zip", 10_627_589,
                        "e634e78627a29adaecd4f955359b22bf5e70f2cbd93b493f2d624138a0c0e5f5"),
                archive("RTE", List.of(), "RTE.zip", 697_150,
                        "6bf86de103ecd335f3441bd43574d23fef87ecc695977a63b82d5efb206556ee"),
                archive("WNLI", List.of(), "WNLI.zip", 28_999,
                        "ae0e8e4d16f4d46d4a0a566ec7ecceccfd3fbfaa4a7a4b4e02848c0f2561ac46"),
                new GlueTaskSource("diagnostic", List.of("AX"), GlueTaskSource.Layout.SINGLE_TSV, List.of(
                        RemoteFile.of(GLUE + "AX.tsv", 222_257,
                                "0e13510b1bb14436ff7e2ee82338f0efb0133ecf2e73507a697dc210db3f05fd")))));
    }

    private static GlueTaskSource archive(String name, List<String> aliases, String file, long size,
            String sha256) {
        return new GlueTaskSource(name, aliases, GlueTaskSource.Layout.ZIP_ARCHIVE,
                List.of(RemoteFile.of(GLUE + file, size, sha256)));
    }

    /**
     * The same tasks fetched from a mirror that serves the same paths, such as a local copy of
     * dl.fbaipublicfiles.com; sizes and checksums are kept, so the mirror must serve the same files.
     *
     * @param base the mirror's address, such as {@code http://mirror.example/fb}
     * @return the rebased manifest
     */
    public GlueManifest rebased(URI base) {
        return new GlueManifest(tasks.stream().map(t -> new GlueTaskSource(t.name(), t.aliases(), t.layout(),
                t.files().stream().map(f -> f.rebased(base)).toList())).toList());
    }

    /**
     * The task names, in order.
     *
     * @return such as [CoLA, SST-2, ...]
     */
    public List<String> names() {
        return tasks.stream().map(GlueTaskSource::name).toList();
    }

    /**
     * Turns command-line names into tasks: names or aliases, any case; {@code all} or no names at all for
     * every task; duplicates dropped, order kept.
     *
     * @param requested the names as typed
     * @return the tasks
     * @throws InvalidInputException for an unknown name, listing the known ones and the closest
     */
    public List<GlueTaskSource> select(List<String> requested) {
        if (requested.isEmpty() || requested.stream().anyMatch(r -> r.equalsIgnoreCase("all"))) {
            return tasks;
        }
        Set<GlueTaskSource> chosen = new LinkedHashSet<>();
        for (String r : requested) {
            GlueTaskSource task = tasks.stream().filter(t -> t.isCalled(r)).findFirst().orElseThrow(() -> {
                String closest = Plugins.closest(r, names());
                return new InvalidInputException("unknown GLUE task '" + r + "'"
                        + (closest == null ? "" : "; did you mean '" + closest + "'?") + " Known: "
                        + String.join(", ", names()) + " (or all)");
            });
            chosen.add(task);
        }
        return List.copyOf(chosen);
    }

    /** The tasks and their download addresses, one per line, for {@code --help} or a dry run. */
    @Override
    public String toString() {
        return tasks.stream().map(t -> t.name() + ": " + t.files().stream().map(f -> f.url().toString())
                .collect(Collectors.joining(", "))).collect(Collectors.joining("\n"));
    }
}
