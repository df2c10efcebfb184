package dev.crosspt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run manifest records the environment and reads back what was written. */
class RunManifestTest {

    @TempDir
    Path dir;

    @Test
    void environmentKeysArePresent() {
        Map<String, Object> m = RunManifest.create().putEnvironment().toMap();
        for (String key : List.of("java", "os", "arch", "crosspt_version", "git_revision", "git_dirty", "created")) {
            assertTrue(m.containsKey(key), "missing " + key + " in " + m);
        }
        assertTrue(((String) m.get("java")).startsWith(System.getProperty("java.version")), m.toString());
        String rev = (String) m.get("git_revision");
        assertTrue(rev.equals("unknown") || rev.matches("[0-9a-f]{40,64}"), rev);
        Object dirty = m.get("git_dirty");
        assertTrue(dirty instanceof Boolean || "unknown".equals(dirty), String.valueOf(dirty));
        Instant created = Instant.parse((String) m.get("created"));
        assertTrue(Math.abs(created.getEpochSecond() - Instant.now().getEpochSecond()) < 60);
    }

    @Test
    void roundTripKeepsNestedValuesAndOrder() throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("lr", 0.3);
        config.put("sources", List.of("rte", "boolq"));
        config.put("nested", Map.of("m", 4));
        List<String> later = new ArrayList<>(List.of("x"));
        RunManifest manifest = RunManifest.create().put("seed", 42L).put("config", config).put("flag", true)
                .put("none", null).put("names", later).put("widths", new int[] {1, 2}).putEnvironment();
        later.add("changed after put");
        Path file = dir.resolve("run/manifest.json");
        manifest.write(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\n  \"seed\": 42,\n"), "pretty-printed: " + text);
        Map<String, Object> back = RunManifest.read(file);
        assertEquals(42L, back.get("seed"));
        assertEquals(Map.of("lr", 0.3, "sources", List.of("rte", "boolq"), "nested", Map.of("m", 4L)),
                back.get("config"));
        assertEquals(true, back.get("flag"));
        assertTrue(back.containsKey("none") && back.get("none") == null);
        assertEquals(List.of("x"), back.get("names"), "values are copied when put");
        assertEquals(List.of(1L, 2L), back.get("widths"));
        assertEquals(List.of("seed", "config", "flag", "none", "names", "widths", "java"),
                List.copyOf(back.keySet()).subList(0, 7));
        assertEquals(manifest.toMap(), back);
    }

    @Test
    void rejectsBadKeysAndNumbers() {
        assertThrows(IllegalArgumentException.class, () -> RunManifest.create().put(" ", 1));
        String msg = assertThrows(IllegalArgumentException.class,
                () -> RunManifest.create().put("cfg", Map.of("lr", Double.NaN))).getMessage();
        assertTrue(msg.contains("cfg.lr"), msg);
    }

    @Test
    void malformedJsonNamesTheFile() throws IOException {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, "{\"seed\": 42,");
        String msg = assertThrows(InvalidInputException.class, () -> RunManifest.read(file)).getMessage();
        assertTrue(msg.startsWith(file + ": not valid JSON"), msg);
        Files.writeString(file, "[1, 2]");
        msg = assertThrows(InvalidInputException.class, () -> RunManifest.read(file)).getMessage();
        assertEquals(file + ": expected a JSON object, got an array", msg);
        Files.writeString(file, "");
        assertThrows(InvalidInputException.class, () -> RunManifest.read(file));
    }
}
