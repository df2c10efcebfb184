package dev.crosspt.fetch;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds the MRPC task folder from Microsoft's files as the official {@code download_glue_data.py} does:
 * {@code test.tsv} is the test file renumbered under the header {@code index, #1 ID, #2 ID, #1 String,
 * #2 String}; the training file is split into {@code dev.tsv} (the pairs listed in GLUE's dev ids) and
 * {@code train.tsv} (the rest), both under the training file's header. The three source files are kept
 * beside them, as the script leaves them.
 */
final class MrpcFiles {

    /** The source file names, as the URLs end. */
    static final String TRAIN = "msr_paraphrase_train.txt";
    static final String TEST = "msr_paraphrase_test.txt";
    static final String DEV_IDS = "mrpc_dev_ids.tsv";

    private MrpcFiles() {
    }

    /**
     * Writes the task folder.
     *
     * @param train Microsoft's training file: a header, then quality, id 1, id 2, string 1, string 2
     * @param test Microsoft's test file, same columns
     * @param devIds one "id 1 TAB id 2" pair per line
     * @param mrpcDir the folder to fill; created if missing
     * @throws FetchException if a row does not have five tab-separated fields (naming the file and line)
     * @throws IOException if reading or writing fails
     */
    static void build(Path train, Path test, Path devIds, Path mrpcDir) throws IOException {
        Files.createDirectories(mrpcDir);
        Set<String> dev = new HashSet<>();
        for (String line : Files.readAllLines(devIds, StandardCharsets.UTF_8)) {
            dev.add(line.strip());
        }
        try (BufferedReader in = Files.newBufferedReader(test, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(mrpcDir.resolve("test.tsv"), StandardCharsets.UTF_8)) {
            in.readLine();
            out.write("index\t#1 ID\t#2 ID\t#1 String\t#2 String\n");
            int index = 0;
            int lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = fields(test, lineNumber, line);
                out.write(index++ + "\t" + f[1] + "\t" + f[2] + "\t" + f[3] + "\t" + f[4] + "\n");
            }
        }
        try (BufferedReader in = Files.newBufferedReader(train, StandardCharsets.UTF_8);
                BufferedWriter trainOut = Files.newBufferedWriter(mrpcDir.resolve("train.tsv"), StandardCharsets.UTF_8);
                BufferedWriter devOut = Files.newBufferedWriter(mrpcDir.resolve("dev.tsv"), StandardCharsets.UTF_8)) {
            String header = in.readLine();
            trainOut.write(header == null ? "\n" : header + "\n");
            devOut.write(header == null ? "\n" : header + "\n");
            int lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = fields(train, lineNumber, line);
                String row = String.join("\t", f) + "\n";
                (dev.contains(f[1] + "\t" + f[2]) ? devOut : trainOut).write(row);
            }
        }
        Files.copy(train, mrpcDir.resolve(TRAIN));
        Files.copy(test, mrpcDir.resolve(TEST));
        Files.copy(devIds, mrpcDir.resolve("dev_ids.tsv"));
    }

    private static String[] fields(Path file, int lineNumber, String line) {
        String[] f = line.strip().split("\t", -1);
        if (f.length != 5) {
            throw new FetchException(null, file + ":" + lineNumber + ": expected 5 tab-separated fields (quality, "
                    + "#1 ID, #2 ID, #1 String, #2 String), found " + f.length, null);
        }
        return f;
    }
}
