package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./crosspt train} on a question answering task (official SQuAD files) and a summary task (task.json with
 * XSum's fields) with the tiny T5 fixture: the tasks generate, and dev and test are scored with SQuAD exact match
 * and F1 and with ROUGE, whose mean is the score used for best-checkpoint selection.
 */
@Timeout(120)
class GenerativeTrainTest {

    @TempDir
    Path tmp;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String squad(String prefix, int n) {
        StringBuilder qas = new StringBuilder();
        for (int i = 0; i < n; i++) {
            qas.append(i == 0 ? "" : ",").append("{\"id\": \"").append(prefix).append(i)
                    .append("\", \"question\": \"what is the big cat ").append(i).append("?\", \"answers\": [")
                    .append("{\"text\": \"the big cat\", \"answer_start\": 0}, {\"text\": \"cat\", \"answer_start\": 8}]}");
        }
        return "{\"version\": \"1.1\", \"data\": [{\"title\": \"t\", \"paragraphs\": [{\"context\": "
                + "\"the big cat went to my house\", \"qas\": [" + qas + "]}]}]}";
    }

    @Test
    void trainsOnAnswersAndSummariesAndReportsTheirMetrics() throws IOException {
        Path data = tmp.resolve("data");
        write(data.resolve("squad/train-v1.1.json"), squad("t", 6));
        write(data.resolve("squad/dev-v1.1.json"), squad("d", 4));
        write(data.resolve("xsum/task.json"), "{\"kind\": \"summary\", \"files\": {\"train\": \"train.jsonl\", "
                + "\"validation\": \"dev.jsonl\"}}");
        String docs = "{\"document\": \"one lemon and two plums\", \"summary\": \"two plums\"}\n"
                + "{\"document\": \"the big cat went to my house\", \"summary\": \"a cat\"}\n";
        write(data.resolve("xsum/train.jsonl"), docs + docs);
        write(data.resolve("xsum/dev.jsonl"), docs + docs);
        Path out = tmp.resolve("run");
        CliTestSupport.Run run = CliTestSupport.run("train", "--data", data.toString(), "--model",
                CliTestSupport.fixture("t5-tiny-relu").toString(), "--steps", "2", "--eval-every", "2",
                "--batch-size", "2", "--prompt-length", "2", "--max-input-tokens", "32", "--max-target-tokens", "6",
                "--shots", "2", "--num-beams", "2", "--max-new-tokens=3,xsum=5", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.describe());

        Map<String, Map<String, Double>> results = new TreeMap<>();
        List<String> lines = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            // the router diagnostics and the dev score every run writes are checked elsewhere
            if (!f[4].equals("dev_score") && !f[4].startsWith("router_") && !f[4].equals("collapse")) {
                results.computeIfAbsent(f[1], t -> new LinkedHashMap<>()).put(f[4], Double.parseDouble(f[5]));
            }
        }
        assertEquals(List.of("score", "exact_match", "squad_f1"), List.copyOf(results.get("squad").keySet()));
        assertEquals(List.of("score", "rouge1", "rouge2", "rougeL"), List.copyOf(results.get("xsum").keySet()));
        for (Map<String, Double> metrics : results.values()) {
            double mean = metrics.entrySet().stream().filter(e -> !e.getKey().equals("score"))
                    .mapToDouble(Map.Entry::getValue).average().orElseThrow();
            assertEquals(mean, metrics.get("score"), 1e-9, metrics.toString());
            metrics.values().forEach(v -> assertTrue(v >= 0 && v <= 1, metrics.toString()));
        }
        // model selection saw the same scores on dev at each evaluation
        JsonObject result = JsonParser.parseString(Files.readString(out.resolve("run/result.json")))
                .getAsJsonObject();
        assertTrue(result.toString().contains("squad_f1"), result.toString());
        // each task decoded with two beams and its own budget
        JsonObject splits = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject()
                .getAsJsonObject("splits");
        assertEquals("Decoding[numBeams=2, lengthPenalty=1.0, earlyStopping=FALSE, maxNewTokens=3]",
                splits.getAsJsonObject("squad").get("decoding").getAsString());
        assertTrue(splits.getAsJsonObject("xsum").get("decoding").getAsString().contains("maxNewTokens=5"),
                splits.toString());
        // the splits keep both gold answers of every question
        String dev = Files.readString(out.resolve("splits/squad/dev.jsonl"));
        assertTrue(dev.contains("\"answers\":[\"the big cat\",\"cat\"]"), dev);
    }
}
