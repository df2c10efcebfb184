package com.example.crosspt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelectorProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugin as a user gets it: its jar on the class path. Runs after {@code package} (the {@code integration-test}
 * phase), when {@code target/crosspt-plugin-example-*.jar} exists.
 *
 * <p>The test's own class path also holds {@code target/classes}; a class loader between it and the jar hides the
 * plugin's classes and service file there, so the only way to find {@code sparsemax} is through the jar.
 */
class SparsemaxPluginJarIT {

    private static final String PACKAGE = "com.example.crosspt.";

    @Test
    void pluginsFindsTheSelectorInTheJarThroughTheContextClassLoader() throws Exception {
        Path jar = Path.of(System.getProperty("crosspt.plugin.jar", "target/crosspt-plugin-example.jar"));
        assertTrue(Files.isRegularFile(jar), "the plugin jar is missing: " + jar + " (run `mvn verify`)");
        Path classes = Path.of(System.getProperty("crosspt.plugin.classes", "target/classes"));
        ClassLoader withoutPlugin = new Hiding(getClass().getClassLoader(), classes);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader withJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, withoutPlugin)) {
            thread.setContextClassLoader(withoutPlugin);
            InvalidInputException missing = assertThrows(InvalidInputException.class,
                    () -> Plugins.find(SourceSelectorProvider.class, "sparsemax"), "found without the jar");
            assertTrue(missing.getMessage().contains("unknown source selector 'sparsemax'"), missing.getMessage());

            thread.setContextClassLoader(withJar);
            SourceSelectorProvider provider = Plugins.find(SourceSelectorProvider.class, "sparsemax");
            assertSame(withJar, provider.getClass().getClassLoader(), "the provider must come from the jar");
            assertTrue(Plugins.all(SourceSelectorProvider.class).containsKey("sparsemax"));
            try (NDManager scope = Engine.getEngine("PyTorch").newBaseManager()) {
                float[] weights = provider.create(PluginSettings.empty("selector 'sparsemax'"))
                        .select(scope.create(new float[] {0, 5, 1, -3}, new Shape(1, 4)),
                                new SelectionContext(scope, false, 0, 1, 32, 3))
                        .toFloatArray();
                assertArrayEquals(new float[] {0, 1, 0, 0}, weights, 1e-6f);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Delegates to the test's class loader but hides the plugin's classes and its build-output resources. */
    private static final class Hiding extends ClassLoader {

        private final Path hidden;

        Hiding(ClassLoader parent, Path classes) {
            super(parent);
            this.hidden = classes.toAbsolutePath().normalize();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(PACKAGE)) {
                throw new ClassNotFoundException(name + " is hidden: it must come from the plugin jar");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            URL url = super.getResource(name);
            return url != null && hidden(url) ? null : url;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> visible = new ArrayList<>();
            for (URL url : Collections.list(super.getResources(name))) {
                if (!hidden(url)) {
                    visible.add(url);
                }
            }
            return Collections.enumeration(visible);
        }

        private boolean hidden(URL url) {
            try {
                return url.getProtocol().equals("file") && Path.of(url.toURI()).startsWith(hidden);
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
