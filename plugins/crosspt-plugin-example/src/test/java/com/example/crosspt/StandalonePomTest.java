package com.example.crosspt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.testkit.RepositoryTestData;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The how-to's standalone pom (README.md, step 1) builds outside this repository the way crosspt builds inside it:
 * Java 17, the compiler and surefire versions crosspt uses (Maven 3.8's defaults compile for Java 5 and run a
 * surefire that silently finds no JUnit 5 tests), DJL offline in the tests, a build that fails when no test ran,
 * and crosspt's own version.
 */
class StandalonePomTest {

    private static final Path REPOSITORY = RepositoryTestData.root().getParent();
    private static final Path STANDALONE = REPOSITORY.resolve("plugins/crosspt-plugin-example/standalone-pom.xml");

    @Test
    void standalonePomMatchesHowCrossptBuilds() throws Exception {
        Document standalone = read(STANDALONE);
        Document parent = read(REPOSITORY.resolve("pom.xml"));
        XPath xpath = XPathFactory.newInstance().newXPath();

        assertEquals("17", xpath.evaluate("/project/properties/maven.compiler.release", standalone));
        assertEquals(xpath.evaluate("/project/version", parent),
                xpath.evaluate("/project/properties/crosspt.version", standalone), "crosspt.version");
        for (String plugin : new String[] {"maven-compiler-plugin", "maven-surefire-plugin"}) {
            String ours = xpath.evaluate("/project/build/pluginManagement/plugins/plugin[artifactId='" + plugin
                    + "']/version", parent);
            String theirs = xpath.evaluate("/project/build/plugins/plugin[artifactId='" + plugin + "']/version",
                    standalone);
            assertTrue(!ours.isBlank(), plugin + " has a version in crosspt's pom");
            assertEquals(ours, theirs, plugin + " version");
        }
        String surefire = "/project/build/plugins/plugin[artifactId='maven-surefire-plugin']/configuration/";
        assertTrue(xpath.evaluate(surefire + "argLine", standalone).contains("-Dai.djl.offline=true"));
        assertEquals("true", xpath.evaluate(surefire + "failIfNoTests", standalone));
        for (String artifact : new String[] {"crosspt-api", "crosspt-testkit"}) {
            assertEquals("${crosspt.version}", xpath.evaluate("/project/dependencies/dependency[artifactId='"
                    + artifact + "']/version", standalone), artifact);
        }
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }
}
