package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.crosspt.cli.CliTestSupport.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Guice module in a jar of its own, compiled here and loaded through its own class loader as the launcher's
 * CROSSPT_CLASSPATH would, adds a selector with a MapBinder only (no META-INF/services line); a spec names it.
 */
@Timeout(90)
class AssemblyJarTest {

    private static final String MODULE = """
            package com.example.lab;

            import com.google.inject.AbstractModule;
            import com.google.inject.multibindings.MapBinder;
            import dev.crosspt.api.NDScopes;
            import dev.crosspt.api.plugin.PluginSettings;
            import dev.crosspt.api.select.SourceSelector;
            import dev.crosspt.api.select.SourceSelectorProvider;

            public class LabModule extends AbstractModule {
                public LabModule() {}

                @Override
                protected void configure() {
                    MapBinder.newMapBinder(binder(), String.class, SourceSelectorProvider.class)
                            .addBinding("mine").toInstance(new Mine());
                }

                static final class Mine implements SourceSelectorProvider {
                    public String name() { return "mine"; }
                    public String description() { return "softmax, bound by a module"; }
                    public SourceSelector create(PluginSettings settings) {
                        settings.requireOnly();
                        return (logits, context) -> {
                            System.setProperty("lab.mine.calls", String.valueOf(Integer.getInteger("lab.mine.calls", 0) + 1));
                            return NDScopes.view(logits, context.scope()).softmax(1);
                        };
                    }
                }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void aSelectorOnlyTheModuleBindsCanBeNamedInTheSpec() throws Exception {
        Path jar = moduleJar();
        Path out = tmp.resolve("run");
        Path spec = RunCommandTest.tinySpec(tmp, out, "selector: {name: mine}\n");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Run run = CliTestSupport.run("run", spec.toString(), "--assembly", "com.example.lab.LabModule");
            assertEquals(0, run.exitCode(), run::describe);
            String selector = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject()
                    .getAsJsonObject("training").get("selector").getAsString();
            assertEquals("mine", selector);
            assertTrue(Integer.getInteger("lab.mine.calls", 0) > 0, "the module's selector computed the weights");

            // without the module the name is unknown, and every problem of the spec is still reported at once
            Path bad = RunCommandTest.tinySpec(tmp, tmp.resolve("bad"), "selector: {name: mine}\ncomposer: {name: wieghted-sum}\n");
            Run without = CliTestSupport.run("run", bad.toString());
            assertEquals(Main.EXIT_BAD_INPUT, without.exitCode(), without::describe);
            assertTrue(without.err().contains("2 problems") && without.err().contains("selector.name: unknown source selector 'mine'")
                    && without.err().contains("composer.name"), without::describe);
            // with it, a misspelt name suggests the module's plugin
            Path typo = RunCommandTest.tinySpec(tmp, tmp.resolve("typo"), "selector: {name: mien}\n");
            Run misspelt = CliTestSupport.run("run", typo.toString(), "--assembly", "com.example.lab.LabModule");
            assertEquals(Main.EXIT_BAD_INPUT, misspelt.exitCode(), misspelt::describe);
            assertTrue(misspelt.err().contains("did you mean 'mine'"), misspelt::describe);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Compiles {@link #MODULE} against the test class path into a jar of its own. */
    private Path moduleJar() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src/com/example/lab")).resolve("LabModule.java");
        Files.writeString(src, MODULE);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), src.toString());
        assertEquals(0, rc, "javac failed");
        Path jar = tmp.resolve("lab-module.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        assertTrue(List.of(tmp.resolve("classes/com/example/lab").toFile().list()).contains("LabModule.class"));
        return jar;
    }
}
