package dev.crosspt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskData;
import dev.crosspt.run.DatasetRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported suites read back through the data reader as the same tasks, labels and examples. */
class SuiteExportTest {

    @Test
    void everySuiteReadsBackAsWritten(@TempDir Path dir) {
        List<Path> suites = SuiteExport.write(dir, 7);
        assertEquals(List.of("clusters-r1", "clusters-r0.5", "clusters-r0", "disjoint"),
                suites.stream().map(p -> p.getFileName().toString()).toList());

        List<TaskData> expected = DemoSuite.CLUSTERS.generate(0.5, DemoRun.POOL, DemoRun.DEV, DemoRun.TEST, 7);
        List<RawTask> read = DatasetRun.readTasks(dir.resolve("clusters-r0.5"));
        assertEquals(expected.stream().map(TaskData::name).sorted().toList(),
                read.stream().map(RawTask::name).sorted().toList());
        for (TaskData task : expected) {
            RawTask raw = read.stream().filter(r -> r.name().equals(task.name())).findFirst().orElseThrow();
            assertEquals(task.labels(), raw.labels(), task.name());
            assertEquals(DemoRun.POOL, raw.split("train").size(), task.name());
            assertEquals(DemoRun.DEV + DemoRun.TEST, raw.split("validation").size(), task.name());
            assertEquals(task.train().get(0).target(), raw.split("train").get(0).label(), task.name());
            assertEquals(task.train().get(0).input(), raw.split("train").get(0).fields().get("text"), task.name());
        }
        assertEquals(4, DatasetRun.readTasks(dir.resolve("disjoint")).size());
    }
}
