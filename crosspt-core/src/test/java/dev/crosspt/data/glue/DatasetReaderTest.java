package dev.crosspt.data.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling the layouts apart, and reading a folder of task directories. */
class DatasetReaderTest {

    @TempDir
    Path tmp;

    private static List<String> names(List<RawTask> tasks) {
        return tasks.stream().map(RawTask::name).toList();
    }

    @Test
    void readsEveryGlueTaskInDirectoryOrder() {
        assertEquals(List.of("cola", "mnli", "mrpc", "qnli", "qqp", "rte", "sst2", "stsb", "wnli"),
                names(DatasetReader.readAll(MiniData.glue())));
    }

    @Test
    void readsEverySuperGlueTask() {
        assertEquals(List.of("boolq", "cb", "copa", "sg-rte", "wic"),
                names(DatasetReader.readAll(MiniData.superGlue())));
    }

    @Test
    void rteIsGlueWithTsvAndSuperGlueWithJsonl() {
        assertEquals("rte", DatasetReader.read(MiniData.glue("RTE")).name());
        assertEquals("sg-rte", DatasetReader.read(MiniData.superGlue("RTE")).name());
    }

    @Test
    void mnliIsRecognisedByItsFilesUnderAnyName() {
        Path dir = MiniData.copyDir(MiniData.glue("MNLI"), tmp.resolve("multinli"));
        RawTask task = DatasetReader.read(dir);
        assertEquals("mnli", task.name());
        assertEquals(5, task.splits().size());
    }

    @Test
    void aSpecWinsAndCanBeNamedDirectly() {
        Path dir = tmp.resolve("RTE");
        MiniData.write(dir.resolve("train.jsonl"), "{\"s\": \"a\", \"y\": \"x\"}\n");
        Path spec = MiniData.write(dir.resolve("task.json"), "{\"name\": \"custom\", \"text_fields\": [\"s\"], "
                + "\"label_field\": \"y\", \"files\": {\"train\": \"train.jsonl\"}}");
        assertEquals("custom", DatasetReader.read(dir).name());
        assertEquals("custom", DatasetReader.read(spec).name());
    }

    @Test
    void anUnknownDirectoryNamesWhatWasExpected() {
        Path dir = tmp.resolve("stuff");
        MiniData.write(dir.resolve("notes.txt"), "hello");
        String msg = assertThrows(InvalidInputException.class, () -> DatasetReader.read(dir)).getMessage();
        assertTrue(msg.contains("not a task directory: expected a task.json spec, a GLUE directory (CoLA, SST-2"),
                msg);
    }

    @Test
    void aKnownDirectoryWithoutItsFilesNamesThem() {
        Path dir = tmp.resolve("RTE");
        MiniData.write(dir.resolve("readme"), "");
        String msg = assertThrows(InvalidInputException.class, () -> DatasetReader.read(dir)).getMessage();
        assertTrue(msg.endsWith("missing required file: expected train.tsv (GLUE RTE) or train.jsonl "
                + "(SuperGLUE RTE) or task.json (a task spec)"), msg);
    }

    @Test
    void readAllSkipsForeignDirectoriesButNotBrokenTasks() throws Exception {
        Path root = tmp.resolve("glue_data");
        MiniData.copyDir(MiniData.glue("RTE"), root.resolve("RTE"));
        MiniData.write(root.resolve("diagnostic").resolve("diagnostic.tsv"), "index\tsentence1\n");
        MiniData.write(root.resolve("README.txt"), "not a directory");
        assertEquals(List.of("rte"), names(DatasetReader.readAll(root)));
        Files.createDirectories(root.resolve("CoLA"));
        String msg = assertThrows(InvalidInputException.class, () -> DatasetReader.readAll(root)).getMessage();
        assertTrue(msg.contains("CoLA: not a task directory: missing required file"), msg);
    }

    @Test
    void readAllOfSomeTasksLeavesTheOthersUnread() throws Exception {
        Path root = tmp.resolve("glue_data");
        MiniData.copyDir(MiniData.glue("RTE"), root.resolve("RTE"));
        MiniData.copyDir(MiniData.glue("MRPC"), root.resolve("MRPC"));
        // CoLA's files are there but broken: reading them would fail
        MiniData.write(root.resolve("CoLA").resolve("train.tsv"), "not\tcola\n");
        assertEquals(List.of("rte"), names(DatasetReader.readAll(root, Set.of("rte"))));
        assertEquals(List.of("mrpc", "rte"), names(DatasetReader.readAll(root, Set.of("rte", "mrpc"))));
        assertThrows(InvalidInputException.class, () -> DatasetReader.readAll(root, Set.of("cola", "rte")));
        assertThrows(InvalidInputException.class, () -> DatasetReader.readAll(root));
    }

    @Test
    void readAllRejectsTwoTasksWithOneName() {
        for (String d : List.of("a", "b")) {
            MiniData.write(tmp.resolve(d).resolve("train.jsonl"), "{\"s\": \"a\", \"y\": \"x\"}\n");
            MiniData.write(tmp.resolve(d).resolve("task.json"), "{\"name\": \"same\", \"text_fields\": [\"s\"], "
                    + "\"label_field\": \"y\", \"files\": {\"train\": \"train.jsonl\"}}");
        }
        String msg = assertThrows(InvalidInputException.class, () -> DatasetReader.readAll(tmp)).getMessage();
        assertTrue(msg.endsWith("two directories hold task 'same': a and b"), msg);
    }

    @Test
    void readAllOfAnEmptyFolderIsAnError() {
        String msg = assertThrows(InvalidInputException.class, () -> DatasetReader.readAll(tmp)).getMessage();
        assertTrue(msg.contains("no task directories found"), msg);
    }
}
