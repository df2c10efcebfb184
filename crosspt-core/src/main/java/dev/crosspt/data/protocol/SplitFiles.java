package dev.crosspt.data.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Carved splits on disk, so that every run of a study trains and evaluates on the same examples:
 * {@code <dir>/<task>/train.jsonl}, {@code dev.jsonl} and {@code test.jsonl} (one example per line:
 * {@code {"fields":{...},"label":"...","origin":"..."}}, fields sorted by name) and {@code protocol.json} (format,
 * task, k, perLabel, seed, devSize, rule, sizes, label distribution per split, SHA-256 of each split file).
 *
 * <p>Writing is all-or-nothing per file and as close to it as a file system allows for the set: every file is
 * first encoded and written in full to a hidden temporary file in the task's directory and flushed to disk;
 * only when all four exist are they renamed over the old ones with {@code ATOMIC_MOVE}, {@code protocol.json}
 * last. A failure before the renames (text that is not valid Unicode, a full disk, a destination that is not a
 * regular file) leaves every existing file as it was and no temporary file behind. {@link #read(Path, String)}
 * checks each split file against the sizes and digests in {@code protocol.json}, so a set mixed by a failure
 * during the renames, or edited by hand, is reported rather than used.
 */
public final class SplitFiles {

    /** The split files, in the order written; {@value #PROTOCOL} comes after them. */
    public static final List<String> SPLIT_FILES = List.of("train.jsonl", "dev.jsonl", "test.jsonl");

    /** The file that describes how the splits were carved. */
    public static final String PROTOCOL = "protocol.json";

    private SplitFiles() {
    }

    /**
     * Writes a task's splits under {@code dir/task/}, replacing files a previous write left there.
     *
     * @param dir the directory holding one sub-directory per task; created when missing
     * @param task the task's name, used as the sub-directory's name
     * @param splits the carved splits
     * @return the task's directory
     * @throws InvalidInputException if the task name is not usable as a directory name
     * @throws UncheckedIOException if a file cannot be written; the message names it
     */
    public static Path write(Path dir, String task, Splits splits) {
        Path taskDir = taskDir(dir, task);
        List<List<RawExample>> parts = List.of(splits.train(), splits.dev(), splits.test());
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, String> digests = new LinkedHashMap<>();
        for (int i = 0; i < SPLIT_FILES.size(); i++) {
            String name = SPLIT_FILES.get(i);
            byte[] bytes = utf8(taskDir.resolve(name), SplitJson.lines(parts.get(i)));
            contents.put(name, bytes);
            digests.put(name, sha256(bytes));
        }
        contents.put(PROTOCOL, utf8(taskDir.resolve(PROTOCOL),
                SplitJson.PRETTY.toJson(ProtocolFile.toJson(task, splits, digests)) + "\n"));
        Map<String, Path> temps = new LinkedHashMap<>();
        Path current = taskDir;
        try {
            Files.createDirectories(taskDir);
            for (String name : contents.keySet()) {
                current = taskDir.resolve(name);
                if (Files.exists(current) && !Files.isRegularFile(current)) {
                    throw new FileSystemException(current.toString(), null, "exists and is not a regular file");
                }
            }
            for (Map.Entry<String, byte[]> c : contents.entrySet()) {
                current = taskDir.resolve(c.getKey());
                Path tmp = taskDir.resolve("." + c.getKey() + "." + UUID.randomUUID() + ".tmp");
                temps.put(c.getKey(), tmp);
                Files.write(tmp, c.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            for (Map.Entry<String, Path> t : new ArrayList<>(temps.entrySet())) {
                current = taskDir.resolve(t.getKey());
                Files.move(t.getValue(), current, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                temps.remove(t.getKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(current + ": cannot write split file (" + e + ")", e);
        } finally {
            for (Path tmp : temps.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and never read
                }
            }
        }
        return taskDir;
    }

    /**
     * Reads splits that {@link #write(Path, String, Splits)} wrote.
     *
     * @param dir the directory holding one sub-directory per task
     * @param task the task's name
     * @return the splits, with the protocol and rule they were carved by
     * @throws InvalidInputException naming the file (and line) when a file is missing, malformed, or does not
     *     match the sizes and digests {@code protocol.json} records
     */
    public static Splits read(Path dir, String task) {
        Path taskDir = taskDir(dir, task);
        Path protocolFile = taskDir.resolve(PROTOCOL);
        JsonObject json = parseObject(protocolFile, decode(protocolFile, bytes(protocolFile)));
        ProtocolFile recorded = ProtocolFile.fromJson(json, protocolFile, task);
        List<List<RawExample>> parts = new ArrayList<>();
        for (String name : SPLIT_FILES) {
            parts.add(readSplit(taskDir.resolve(name), recorded));
        }
        return new Splits(parts.get(0), parts.get(1), parts.get(2), recorded.rule(), recorded.protocol());
    }

    private static List<RawExample> readSplit(Path file, ProtocolFile recorded) {
        byte[] bytes = bytes(file);
        String name = file.getFileName().toString();
        String lines = decode(file, bytes);
        List<RawExample> examples = new ArrayList<>();
        String[] split = lines.split("\n", -1);
        for (int i = 0; i < split.length; i++) {
            if (!split[i].isBlank()) {
                examples.add(SplitJson.example(split[i], file + ":" + (i + 1)));
            }
        }
        Integer size = recorded.sizes().get(name);
        if (size != null && size != examples.size()) {
            throw new InvalidInputException(file + ": holds " + examples.size() + " examples, but " + PROTOCOL
                    + " records " + size + "; the split files come from different writes or were edited");
        }
        String digest = recorded.digests().get(name);
        if (digest != null && !digest.equals(sha256(bytes))) {
            throw new InvalidInputException(file + ": its content does not match the SHA-256 that " + PROTOCOL
                    + " records; the split files come from different writes or were edited");
        }
        return examples;
    }

    private static Path taskDir(Path dir, String task) {
        if (task == null || task.isBlank() || task.contains("/") || task.contains("\\") || task.startsWith(".")) {
            throw new InvalidInputException("split files: the task name must be a plain directory name, got '"
                    + task + "'");
        }
        return dir.resolve(task);
    }

    private static byte[] utf8(Path file, String text) {
        try {
            ByteBuffer buf = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException(file + ": cannot write split file: the text is not valid Unicode ("
                    + e + "), for example an unpaired surrogate in a field", e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file; write the splits first", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e + ")", e);
        }
    }

    private static String decode(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text", e);
        }
    }

    private static JsonObject parseObject(Path file, String text) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new InvalidInputException(file + ": expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
