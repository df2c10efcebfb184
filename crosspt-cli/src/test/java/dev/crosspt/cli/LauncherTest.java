package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.testkit.RepositoryTestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./crosspt} launcher's own checks, which run before it builds or starts anything. */
@Timeout(30)
class LauncherTest {

    @TempDir
    Path tmp;

    @Test
    void aClasspathEntryThatDoesNotExistIsRefusedByName() throws Exception {
        Path existing = Files.createFile(tmp.resolve("real.jar"));
        String missing = tmp.resolve("my-plugin.jar").toString();
        Process p = launch(existing + ":" + missing, "plugins");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.contains("'" + missing + "' does not exist"), err);
        assertFalse(err.contains("real.jar"), err);
    }

    private static Process launch(String classpath, String... args) throws IOException {
        Path launcher = RepositoryTestData.root().getParent().resolve("crosspt");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().put("CROSSPT_CLASSPATH", classpath);
        return builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
