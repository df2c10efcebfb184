package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.testkit.RepositoryTestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./crosspt} launcher's own checks, which run before it builds or starts anything, and when it builds:
 * in a copy of it beside a fake checkout, with {@code mvn} and {@code java} faked on the path.
 */
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

    @Test
    void aBuildThatLeftTheJarUnchangedIsNotRedoneOnTheNextStart() throws Exception {
        Path root = fakeCheckout(true);
        Path source = Files.createDirectories(root.resolve("crosspt-core/src/main/java")).resolve("A.java");
        Files.writeString(source, "class A {}");
        Files.setLastModifiedTime(root.resolve("crosspt-cli/target/crosspt-cli.jar"),
                FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertEquals(List.of("mvn"), startTwice(root), "one build for the changed source, then none");
    }

    @Test
    void aPlainMavenBuildIsUsedAsItIsAndABuildWithoutTheCpuLibraryIsRedoneForTheCpu() throws Exception {
        assertEquals(List.of(), startTwice(fakeCheckout(true)), "mvn package's output, no marker file: no build");
        Path gpuBuild = fakeCheckout(false);
        assertEquals(List.of("mvn"), startTwice(gpuBuild), "a gpu build is rebuilt once for the default cpu");
    }

    /** A checkout with the launcher and what `mvn package` leaves, all older than the jar; tools faked on PATH. */
    private Path fakeCheckout(boolean cpuLibrary) throws IOException {
        Path root = Files.createTempDirectory(tmp, "checkout");
        Files.copy(RepositoryTestData.root().getParent().resolve("crosspt"), root.resolve("crosspt"));
        Path lib = Files.createDirectories(root.resolve("crosspt-cli/target/lib"));
        Files.createFile(root.resolve("crosspt-cli/target/crosspt-cli.jar"));
        if (cpuLibrary) {
            Files.createFile(lib.resolve("pytorch-native-cpu-2.7.1-linux-x86_64.jar"));
        }
        Path bin = Files.createDirectories(root.resolve("fake-bin"));
        // mvn "builds" by putting the CPU library in place (the default profile) and leaving the jar as it was, as
        // Maven does when the module's own classes did not change.
        tool(bin.resolve("mvn"), "echo mvn >> \"" + root.resolve("calls") + "\"\nmkdir -p \"" + lib + "\"\ntouch \""
                + lib + "/pytorch-native-cpu-2.7.1-linux-x86_64.jar\"");
        tool(bin.resolve("java"), "exit 0");
        return root;
    }

    private static void tool(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Starts the fake checkout's launcher twice; returns the tools it called besides java. */
    private static List<String> startTwice(Path root) throws Exception {
        for (int i = 0; i < 2; i++) {
            ProcessBuilder builder = new ProcessBuilder(root.resolve("crosspt").toString(), "--help");
            builder.environment().put("PATH", root.resolve("fake-bin") + ":" + System.getenv("PATH"));
            builder.environment().remove("CROSSPT_CLASSPATH");
            builder.environment().remove("CROSSPT_PROFILE");
            Process p = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        Path calls = root.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private static Process launch(String classpath, String... args) throws IOException {
        Path launcher = RepositoryTestData.root().getParent().resolve("crosspt");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().put("CROSSPT_CLASSPATH", classpath);
        return builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
