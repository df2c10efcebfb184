package dev.crosspt.fetch;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one GLUE task's files come from and how they become its folder, as the official
 * {@code download_glue_data.py} fetches it. (The task's contents are read by {@code dev.crosspt.data.glue}.)
 *
 * @param name the task's folder name, as the official archives and script name it ({@code CoLA},
 *     {@code SST-2}, {@code STS-B}, ...)
 * @param aliases other names accepted on the command line, such as {@code sst} or {@code sst2}
 * @param layout how the downloaded files become the task's folder
 * @param files what to download
 */
public record GlueTaskSource(String name, List<String> aliases, Layout layout, List<RemoteFile> files) {

    private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    /** How downloaded files become a task folder. */
    public enum Layout {
        /** One zip archive whose single top-level folder is the task folder. */
        ZIP_ARCHIVE,
        /**
         * MRPC, which GLUE cannot host: the SentEval copies of Microsoft's train and test files plus GLUE's
         * list of dev pairs, split into train.tsv, dev.tsv and test.tsv as the official script does.
         */
        MRPC_FROM_MSR_FILES,
        /** One file saved as {@code <name>/<name>.tsv} (the diagnostic set). */
        SINGLE_TSV
    }

    /** Validates the name and freezes the lists. */
    public GlueTaskSource {
        if (name == null || !FOLDER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a GLUE task name must be a plain folder name, got '" + name + "'");
        }
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(layout, "layout");
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("GLUE task " + name + " has nothing to download");
        }
    }

    /**
     * Whether a command-line name means this task: its name or an alias, ignoring case, '-' and '_'.
     *
     * @param requested the name as typed
     * @return true if it names this task
     */
    public boolean isCalled(String requested) {
        String key = normalise(requested);
        return normalise(name).equals(key) || aliases.stream().anyMatch(a -> normalise(a).equals(key));
    }

    /** Lower case without '-' and '_', so {@code sst-2}, {@code SST2} and {@code sst_2} are one name. */
    static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
