package dev.crosspt.demo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import dev.crosspt.data.glue.TaskSpec;
import dev.crosspt.report.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the demo suites as {@code task.json} folders, so that {@code ./crosspt run} and {@code ablate} train on
 * the same tasks as the demo: {@code clusters-r1}, {@code clusters-r0.5}, {@code clusters-r0} and
 * {@code disjoint}, each a folder of task folders. Dev and test go into one validation file, which the
 * experiments' few-shot protocol halves into dev and test.
 */
public final class SuiteExport {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private SuiteExport() {}

    /**
     * Writes every suite under {@code dir}.
     *
     * @return the suite folders written
     */
    public static List<Path> write(Path dir, long dataSeed) {
        List<Path> written = new ArrayList<>();
        for (double relatedness : ClusterSuite.RELATEDNESS) {
            Path suite = dir.resolve("clusters-r" + format(relatedness));
            writeSuite(suite, DemoSuite.CLUSTERS.generate(relatedness, DemoRun.POOL, DemoRun.DEV, DemoRun.TEST,
                    dataSeed));
            written.add(suite);
        }
        Path disjoint = dir.resolve("disjoint");
        writeSuite(disjoint, DemoSuite.DISJOINT.generate(1, DemoRun.POOL, DemoRun.DEV, DemoRun.TEST, dataSeed));
        written.add(disjoint);
        return written;
    }

    /** {@code 1}, {@code 0.5}, {@code 0}: as folder names and the command line write them. */
    public static String format(double relatedness) {
        return relatedness == Math.rint(relatedness) ? Long.toString((long) relatedness) : Double.toString(relatedness);
    }

    private static void writeSuite(Path suite, List<TaskData> tasks) {
        for (TaskData task : tasks) {
            Path folder = suite.resolve(task.name());
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", task.name());
            spec.put("format", "jsonl");
            spec.put("text_fields", List.of("text"));
            spec.put("label_field", "label");
            spec.put("labels", task.labels());
            Map<String, String> files = new LinkedHashMap<>(); // Map.of's order changes between JVMs
            files.put("train", "train.jsonl");
            files.put("validation", "validation.jsonl");
            spec.put("files", files);
            AtomicFiles.writeString(folder.resolve(TaskSpec.FILE_NAME),
                    new GsonBuilder().setPrettyPrinting().create().toJson(spec) + "\n");
            AtomicFiles.writeString(folder.resolve("train.jsonl"), jsonl(task.train()));
            List<Example> validation = new ArrayList<>(task.dev());
            validation.addAll(task.test());
            AtomicFiles.writeString(folder.resolve("validation.jsonl"), jsonl(validation));
        }
    }

    private static String jsonl(List<Example> examples) {
        StringBuilder out = new StringBuilder();
        for (Example e : examples) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("text", e.input());
            row.put("label", e.target());
            out.append(GSON.toJson(row)).append('\n');
        }
        return out.toString();
    }
}
