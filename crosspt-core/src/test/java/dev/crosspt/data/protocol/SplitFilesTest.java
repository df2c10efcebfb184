package dev.crosspt.data.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitFilesTest {

    private static final List<String> AB = List.of("0", "1");

    @TempDir
    Path dir;

    private static Splits carved(long seed) {
        RawTask task = Tasks.classification("mrpc", AB,
                "train", Tasks.rows("train", 30, AB),
                "validation", Tasks.rows("validation", 20, AB));
        return FewShotProtocol.builder().setK(3).optSeed(seed).build().carve(task);
    }

    @Test
    void roundTrip() throws IOException {
        Splits splits = carved(123);
        Path taskDir = SplitFiles.write(dir, "mrpc", splits);
        assertEquals(dir.resolve("mrpc"), taskDir);
        assertEquals(splits, SplitFiles.read(dir, "mrpc"));
        assertEquals(6, Files.readAllLines(taskDir.resolve("train.jsonl")).size());

        JsonObject p = JsonParser.parseString(Files.readString(taskDir.resolve("protocol.json"))).getAsJsonObject();
        assertEquals(3, p.get("k").getAsInt());
        assertTrue(p.get("perLabel").getAsBoolean());
        assertEquals(123, p.get("seed").getAsLong());
        assertEquals(splits.ruleDescription(), p.get("rule").getAsString());
        assertEquals(10, p.getAsJsonObject("sizes").get("dev").getAsInt());
        assertEquals(3, p.getAsJsonObject("labels").getAsJsonObject("train").get("1").getAsInt());
    }

    @Test
    void textThatIsNotUnicodeLeavesTheOldFilesUntouched() throws IOException {
        Path taskDir = SplitFiles.write(dir, "mrpc", carved(123));
        List<byte[]> before = contents(taskDir);
        Splits good = carved(5);
        List<RawExample> test = new ArrayList<>(good.test());
        test.add(new RawExample(Map.of("sentence", "broken \uD800 surrogate"), "1", "validation.tsv:999"));
        Splits bad = new Splits(good.train(), good.dev(), test, good.ruleDescription(), good.protocol());

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SplitFiles.write(dir, "mrpc", bad));
        assertTrue(e.getMessage().contains("test.jsonl"), e.getMessage());
        assertFilesUnchanged(taskDir, before);
    }

    @Test
    void aDestinationThatIsNoFileLeavesTheOldFilesUntouched() throws IOException {
        Path taskDir = SplitFiles.write(dir, "mrpc", carved(123));
        Files.delete(taskDir.resolve("test.jsonl"));
        Files.createDirectories(taskDir.resolve("test.jsonl").resolve("in-the-way"));
        byte[] train = Files.readAllBytes(taskDir.resolve("train.jsonl"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> SplitFiles.write(dir, "mrpc", carved(5)));
        assertTrue(e.getMessage().contains("test.jsonl"), e.getMessage());
        assertArrayEquals(train, Files.readAllBytes(taskDir.resolve("train.jsonl")));
        assertNoTemporaryFiles(taskDir);
    }

    @Test
    void readNamesTheFileAndLineOfABadLine() throws IOException {
        Path taskDir = SplitFiles.write(dir, "mrpc", carved(123));
        Path train = taskDir.resolve("train.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(train));
        lines.set(1, "{\"fields\": {\"sentence\": 3}, \"label\": \"1\", \"origin\": \"x\"}");
        Files.write(train, lines);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SplitFiles.read(dir, "mrpc"));
        assertTrue(e.getMessage().contains("train.jsonl:2") && e.getMessage().contains("fields.sentence"),
                e.getMessage());

        lines.set(1, "{not json");
        Files.write(train, lines);
        e = assertThrows(InvalidInputException.class, () -> SplitFiles.read(dir, "mrpc"));
        assertTrue(e.getMessage().contains("train.jsonl:2: not valid JSON"), e.getMessage());
    }

    @Test
    void readRejectsFilesThatDoNotMatchProtocolJson() throws IOException {
        Path taskDir = SplitFiles.write(dir, "mrpc", carved(123));
        Path dev = taskDir.resolve("dev.jsonl");
        Files.writeString(dev, Files.readString(dev).replace("\"label\":\"0\"", "\"label\":\"1\""));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SplitFiles.read(dir, "mrpc"));
        assertTrue(e.getMessage().contains("dev.jsonl") && e.getMessage().contains("SHA-256"), e.getMessage());

        List<String> lines = Files.readAllLines(dev);
        Files.write(dev, lines.subList(0, 4));
        e = assertThrows(InvalidInputException.class, () -> SplitFiles.read(dir, "mrpc"));
        assertTrue(e.getMessage().contains("holds 4 examples") && e.getMessage().contains("records 10"),
                e.getMessage());
    }

    @Test
    void readNamesAMissingFileAndAWrongTask() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SplitFiles.read(dir, "rte"));
        assertTrue(e.getMessage().contains("protocol.json") && e.getMessage().contains("no such file"),
                e.getMessage());
        SplitFiles.write(dir, "mrpc", carved(123));
        Files.createDirectories(dir.resolve("qqp"));
        Files.copy(dir.resolve("mrpc/protocol.json"), dir.resolve("qqp/protocol.json"));
        e = assertThrows(InvalidInputException.class, () -> SplitFiles.read(dir, "qqp"));
        assertTrue(e.getMessage().contains("describes task 'mrpc'"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> SplitFiles.write(dir, "../x", carved(1)));
    }

    private static List<byte[]> contents(Path taskDir) throws IOException {
        List<byte[]> all = new ArrayList<>();
        for (String name : List.of("train.jsonl", "dev.jsonl", "test.jsonl", "protocol.json")) {
            all.add(Files.readAllBytes(taskDir.resolve(name)));
        }
        return all;
    }

    private static void assertFilesUnchanged(Path taskDir, List<byte[]> before) throws IOException {
        List<byte[]> after = contents(taskDir);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), "file " + i);
        }
        assertNoTemporaryFiles(taskDir);
        assertFalse(new String(after.get(2), StandardCharsets.UTF_8).contains("broken"));
    }

    private static void assertNoTemporaryFiles(Path taskDir) throws IOException {
        try (Stream<Path> files = Files.list(taskDir)) {
            List<Path> temps = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(temps.isEmpty(), temps.toString());
        }
    }
}
