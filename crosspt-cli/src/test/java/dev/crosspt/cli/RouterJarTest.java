package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.cli.CliTestSupport.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party routers in a jar of their own, compiled here and loaded through their own class loader as the
 * launcher's CROSSPT_CLASSPATH would: one registered in {@code META-INF/services} trains by name from a spec and
 * from {@code train --router}; one a Guice module binds with a MapBinder only is nameable with {@code --assembly}.
 */
@Timeout(120)
class RouterJarTest {

    private static final String ROUTER = """
            package com.example.lab;

            import ai.djl.ndarray.NDArray;
            import ai.djl.ndarray.NDManager;
            import ai.djl.ndarray.types.Shape;
            import dev.crosspt.api.NDScopes;
            import dev.crosspt.api.plugin.PluginSettings;
            import dev.crosspt.api.route.Router;
            import dev.crosspt.api.route.RouterInput;
            import dev.crosspt.api.route.RouterProvider;
            import dev.crosspt.api.route.RouterShape;
            import java.util.Map;

            /** A per-task bias per candidate plus a learned scale of each key's mean: a router only this jar has. */
            public class KeyMeanRouterProvider implements RouterProvider {
                public KeyMeanRouterProvider() {}
                public String name() { return "key-mean"; }
                public String description() { return "bias per task and candidate + scale x mean of each key"; }
                public Router create(PluginSettings settings) {
                    settings.requireOnly();
                    return new Router() {
                        private NDArray bias;
                        private NDArray scale;
                        public void initialize(NDManager parameters, RouterShape shape) {
                            bias = parameters.zeros(new Shape(shape.tasks(), shape.candidates()));
                            bias.setRequiresGradient(true);
                            scale = parameters.ones(new Shape(1));
                            scale.setRequiresGradient(true);
                        }
                        public Map<String, NDArray> parameters() { return Map.of("bias", bias, "scale", scale); }
                        public NDArray logits(RouterInput input) {
                            System.setProperty("lab.router.calls", String.valueOf(Integer.getInteger("lab.router.calls", 0) + 1));
                            NDArray keys = input.candidateKeys().mean(new int[] {2});
                            return NDScopes.view(bias, input.scope()).add(keys.mul(NDScopes.view(scale, input.scope())));
                        }
                    };
                }
            }
            """;

    private static final String MODULE = """
            package com.example.lab;

            import com.google.inject.AbstractModule;
            import com.google.inject.multibindings.MapBinder;
            import dev.crosspt.api.route.RouterProvider;

            public class RouterModule extends AbstractModule {
                public RouterModule() {}
                @Override
                protected void configure() {
                    MapBinder.newMapBinder(binder(), String.class, RouterProvider.class)
                            .addBinding("bound-router").toInstance(new KeyMeanRouterProvider());
                }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void aRouterInItsOwnJarTrainsByName() throws Exception {
        Path jar = routerJar();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Run plugins = CliTestSupport.run("plugins");
            assertTrue(plugins.out().contains("key-mean"), plugins::describe);

            Path out = tmp.resolve("run");
            Run run = CliTestSupport.run("run", RunCommandTest.tinySpec(tmp, out, "router: {name: key-mean}\n").toString());
            assertEquals(0, run.exitCode(), run::describe);
            assertEquals("key-mean", training(out).get("router").getAsString());
            assertTrue(Integer.getInteger("lab.router.calls", 0) > 0, "the jar's router computed the logits");
            assertTrue(Files.readString(out.resolve("router-weights.csv")).contains("source-1"), run::describe);

            // bound by a module only: nameable with --assembly, unknown without it
            Path bound = RunCommandTest.tinySpec(tmp, tmp.resolve("bound"), "router: {name: bound-router}\n");
            Run assembled = CliTestSupport.run("run", bound.toString(), "--assembly", "com.example.lab.RouterModule");
            assertEquals(0, assembled.exitCode(), assembled::describe);
            Run without = CliTestSupport.run("run", RunCommandTest.tinySpec(tmp, tmp.resolve("without"),
                    "router: {name: bound-router}\n").toString());
            assertEquals(Main.EXIT_BAD_INPUT, without.exitCode(), without::describe);
            assertTrue(without.err().contains("router.name: unknown router 'bound-router'"), without::describe);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void badRouterSettingsInASpecAreReportedWithEveryOtherProblemBeforeTraining() throws IOException {
        Path spec = RunCommandTest.tinySpec(tmp, tmp.resolve("bad"),
                "router: {name: mlp, hidden: 0}\ncomposer: {name: wieghted-sum}\n");
        Run run = CliTestSupport.run("run", spec.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        assertTrue(run.err().contains("2 problems") && run.err().contains("router: router 'mlp': setting 'hidden'")
                && run.err().contains("composer.name"), run::describe);
        assertTrue(Files.notExists(tmp.resolve("bad")), "nothing written for a bad spec");
        Path unknown = RunCommandTest.tinySpec(tmp, tmp.resolve("unknown"), "router: {name: atention}\n");
        Run misspelt = CliTestSupport.run("run", unknown.toString());
        assertEquals(Main.EXIT_BAD_INPUT, misspelt.exitCode(), misspelt::describe);
        assertTrue(misspelt.err().contains("router.name: unknown router 'atention'"), misspelt::describe);
    }

    private static JsonObject training(Path runDir) throws IOException {
        return JsonParser.parseString(Files.readString(runDir.resolve("manifest.json"))).getAsJsonObject()
                .getAsJsonObject("training");
    }

    /** Compiles the router and the module into a jar with the router's service file. */
    private Path routerJar() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src/com/example/lab"));
        Files.writeString(src.resolve("KeyMeanRouterProvider.java"), ROUTER);
        Files.writeString(src.resolve("RouterModule.java"), MODULE);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), src.resolve("KeyMeanRouterProvider.java").toString(),
                src.resolve("RouterModule.java").toString());
        assertEquals(0, rc, "javac failed");
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.crosspt.api.route.RouterProvider"), "com.example.lab.KeyMeanRouterProvider\n");
        Path jar = tmp.resolve("lab-router.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
