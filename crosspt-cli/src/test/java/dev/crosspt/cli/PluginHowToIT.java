package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.crosspt.testkit.PluginProviderContract;
import dev.crosspt.testkit.RepositoryTestData;
import dev.crosspt.testkit.SourceSelectorContract;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugin how-to ({@code plugins/crosspt-plugin-example/README.md}) followed as a user would, in a directory
 * outside this repository: its standalone pom, the classes and services line as the how-to shows them, and the
 * example's contract test (shown abridged) are written there, built by Maven against
 * this build's artifacts, the contract tests must run (a build that ran none fails this test even when Maven says
 * BUILD SUCCESS), and {@code ./crosspt train} then trains with the plugin's selector, named in
 * {@code CROSSPT_CLASSPATH} and {@code --selector}.
 *
 * <p>Runs in the {@code integration-test} phase, after the launcher's jar and {@code target/lib} are packaged. The
 * artifacts go to a temporary local repository (never the user's); everything else comes from the outer build's
 * local repository through a {@code file:} mirror, so the build never touches the network unless that repository
 * lacks something and the outer build is online, when Maven Central is asked for the rest.
 */
@Timeout(600)
class PluginHowToIT {

    private static final Path REPOSITORY = RepositoryTestData.root().getParent();
    private static final Path EXAMPLE = REPOSITORY.resolve("plugins/crosspt-plugin-example");
    private static final Pattern MISSING_ARTIFACT = Pattern.compile(
            "(?i)could not (find|resolve|transfer)|cannot access|failed to read artifact descriptor");
    private static final String SOURCES = "src/main/java/com/example/crosspt/";
    private static final String SERVICES =
            "src/main/resources/META-INF/services/dev.crosspt.api.select.SourceSelectorProvider";
    /** The how-to's contract test is shown abridged ({@code { ... }}), so the example module's file is built. */
    private static final String TEST = "src/test/java/com/example/crosspt/SparsemaxSelectorTest.java";

    @TempDir
    Path tmp;

    @Test
    void thePluginHowToBuildsOutsideTheRepositoryRunsItsContractTestsAndTrains() throws Exception {
        // -Dtest=PluginHowToIT also selects it in the test phase, before the launcher's jar is packaged.
        assumeTrue(Boolean.getBoolean("crosspt.it.packaged"), "runs in the integration-test phase (mvn verify)");
        Path project = tmp.resolve("my-plugin");
        Files.createDirectories(project);
        Files.copy(EXAMPLE.resolve("standalone-pom.xml"), project.resolve("pom.xml"));
        writeTheHowTosCode(Files.readString(EXAMPLE.resolve("README.md")), project);
        write(project.resolve(TEST), Files.readString(EXAMPLE.resolve(TEST)));
        Path localRepository = tmp.resolve("m2");
        installReactorArtifacts(localRepository);

        Path log = tmp.resolve("maven.log");
        int exit = maven(project, localRepository, true, log);
        String output = Files.readString(log);
        if (exit != 0 && MISSING_ARTIFACT.matcher(output).find() && !System.getProperty("crosspt.it.mavenMode", "").equals("offline=true")) {
            exit = maven(project, localRepository, false, log);
            output = Files.readString(log);
        }
        assertEquals(0, exit, "the how-to's build failed:\n" + tail(output));

        Reports reports = surefireReports(project.resolve("target/surefire-reports"));
        assertTrue(reports.run() > 0, "no test ran (nothing in target/surefire-reports):\n" + tail(output));
        assertEquals(0, reports.failed(), "failures or errors in the contract tests:\n" + tail(output));
        Set<String> missing = new TreeSet<>(contractMethods());
        missing.removeAll(reports.methods());
        assertTrue(missing.isEmpty(), "contract tests that did not run: " + missing + " (ran " + reports.methods()
                + ")");

        Path jar = project.resolve("target/my-crosspt-plugin-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar), "the how-to's jar is missing: " + jar);
        trainWithThePlugin(jar);
    }

    /**
     * Steps 2 and 3 as the how-to shows them: each complete class in a {@code java} block, and the services line
     * from the block after the services file's name, written where the how-to says.
     */
    private static void writeTheHowTosCode(String howTo, Path project) throws IOException {
        Matcher java = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(howTo);
        List<String> classes = new ArrayList<>();
        while (java.find()) {
            String code = java.group(1);
            Matcher name = Pattern.compile("public final class (\\w+)").matcher(code);
            if (code.startsWith("package com.example.crosspt;") && name.find()) {
                classes.add(name.group(1));
                write(project.resolve(SOURCES + name.group(1) + ".java"), code);
            }
        }
        assertEquals(List.of("SparsemaxSelector", "SparsemaxSelectorProvider"), classes,
                "the how-to's complete classes");
        Matcher services = Pattern.compile("`" + Pattern.quote(SERVICES) + "`:\\s*```\\n(.*?)```", Pattern.DOTALL)
                .matcher(howTo);
        assertTrue(services.find(), "the how-to shows no services file named " + SERVICES);
        write(project.resolve(SERVICES), services.group(1));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void trainWithThePlugin(Path jar) throws Exception {
        Path out = tmp.resolve("run");
        ProcessBuilder builder = new ProcessBuilder(REPOSITORY.resolve("crosspt").toString(), "train",
                "--data", RepositoryTestData.root().resolve("glue-mini").toString(), "--tasks", "rte,mrpc",
                "--model", RepositoryTestData.fixture("t5-tiny-relu").toString(), "--shots", "4", "--steps", "2",
                "--eval-every", "2", "--threads", "1", "--selector", "sparsemax", "--out", out.toString());
        builder.environment().put("CROSSPT_CLASSPATH", jar.toString());
        Path log = tmp.resolve("train.log");
        Process p = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("./crosspt train did not finish in 300 s:\n" + tail(Files.readString(log)));
        }
        String output = Files.readString(log);
        assertFalse(output.contains("crosspt: building"),
                "the launcher rebuilt crosspt although this build had just packaged it:\n" + tail(output));
        assertEquals(0, p.exitValue(), "./crosspt train with the plugin failed:\n" + tail(output));
        assertFalse(output.contains("AutoNonVariableTypeMode"), "PyTorch's deprecation warning is back:\n"
                + tail(output));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"sparsemax\""), "the run's manifest does not name sparsemax: " + manifest);
    }

    /**
     * What {@code mvn install} would put in the local repository for the standalone pom: crosspt's parent pom,
     * crosspt-api and crosspt-testkit, as this build packaged them.
     */
    private static void installReactorArtifacts(Path localRepository) throws Exception {
        Document parent = read(REPOSITORY.resolve("pom.xml"));
        XPath xpath = XPathFactory.newInstance().newXPath();
        String group = xpath.evaluate("/project/groupId", parent);
        String version = xpath.evaluate("/project/version", parent);
        install(localRepository, group, "crosspt-parent", version, REPOSITORY.resolve("pom.xml"), null);
        for (String module : List.of("crosspt-api", "crosspt-testkit")) {
            Path jar = REPOSITORY.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
            assertTrue(Files.isRegularFile(jar), "not packaged: " + jar);
            install(localRepository, group, module, version, REPOSITORY.resolve(module).resolve("pom.xml"), jar);
        }
    }

    private static void install(Path localRepository, String group, String artifact, String version, Path pom,
            Path jar) throws IOException {
        Path dir = localRepository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Runs {@code mvn -B package} in the project. With {@code mirrorOnly}, every repository is mirrored to the
     * outer build's local repository (no network); without it, that repository is asked first and Central after.
     */
    private int maven(Path project, Path localRepository, boolean mirrorOnly, Path log) throws Exception {
        Path settings = tmp.resolve(mirrorOnly ? "settings-offline.xml" : "settings-online.xml");
        Files.writeString(settings, settings(outerRepository().toUri().toString(), mirrorOnly));
        String home = System.getProperty("maven.home", "");
        String mvn = home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString();
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepository, "package"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        // The outer build's options (a -T, a debugger, -o) are not the how-to's.
        Map<String, String> env = builder.environment();
        env.remove("MAVEN_OPTS");
        env.remove("MAVEN_ARGS");
        env.remove("MAVEN_CONFIG");
        Process p = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(400, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mvn package did not finish in 400 s:\n" + tail(Files.readString(log)));
        }
        return p.exitValue();
    }

    private static String settings(String outerRepositoryUrl, boolean mirrorOnly) {
        if (mirrorOnly) {
            return "<settings><mirrors><mirror><id>outer-build</id><mirrorOf>*</mirrorOf><url>" + outerRepositoryUrl
                    + "</url></mirror></mirrors></settings>\n";
        }
        String repository = "<id>outer-build</id><url>" + outerRepositoryUrl + "</url>";
        return "<settings><profiles><profile><id>outer-build</id><repositories><repository>" + repository
                + "</repository></repositories><pluginRepositories><pluginRepository>" + repository
                + "</pluginRepository></pluginRepositories></profile></profiles>"
                + "<activeProfiles><activeProfile>outer-build</activeProfile></activeProfiles></settings>\n";
    }

    /** The local repository of the build running this test (surefire passes it), else ~/.m2/repository. */
    private static Path outerRepository() {
        String property = System.getProperty("crosspt.it.localRepository", "");
        return property.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : Path.of(property);
    }

    /** What the surefire reports say: tests run, failures plus errors, and the names of the test methods. */
    private record Reports(int run, int failed, Set<String> methods) {}

    private static Reports surefireReports(Path reports) throws Exception {
        int run = 0;
        int failed = 0;
        Set<String> methods = new TreeSet<>();
        if (!Files.isDirectory(reports)) {
            return new Reports(0, 0, methods);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(reports)) {
            files = list.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList();
        }
        XPath xpath = XPathFactory.newInstance().newXPath();
        for (Path file : files) {
            Document report = read(file);
            Element suite = report.getDocumentElement();
            run += Integer.parseInt(suite.getAttribute("tests"));
            failed += Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors"));
            NodeList cases = (NodeList) xpath.evaluate("//testcase", report, XPathConstants.NODESET);
            for (int i = 0; i < cases.getLength(); i++) {
                methods.add(((Element) cases.item(i)).getAttribute("name").replaceAll("[(\\[].*", ""));
            }
        }
        return new Reports(run, failed, methods);
    }

    /** The test methods the testkit's selector and provider contracts declare. */
    private static Set<String> contractMethods() {
        Set<String> names = new TreeSet<>();
        for (Class<?> contract : List.of(SourceSelectorContract.class, PluginProviderContract.class)) {
            for (Method method : contract.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    names.add(method.getName());
                }
            }
        }
        return names;
    }

    private static Document read(Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(xml.toFile());
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : "..." + output.substring(output.length() - 6000);
    }
}
