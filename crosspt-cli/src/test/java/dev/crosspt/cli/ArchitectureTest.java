package dev.crosspt.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API and the engine-free core stay independent of engines, the command line and dependency injection. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.crosspt");
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[] {"dev.crosspt.api", "dev.crosspt.checkpoint", "dev.crosspt.verify",
                "dev.crosspt.djl.t5", "dev.crosspt.cli"}) {
            assertTrue(classes.stream().anyMatch(c -> c.getPackageName().equals(pkg)), "no classes in " + pkg);
        }
        assertTrue(classes.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes imported");
    }

    @Test
    void apiDependsOnNoEngineCliOrInjection() {
        noClasses().that().resideInAPackage("dev.crosspt.api..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl.pytorch..", "ai.djl.onnxruntime..",
                        "com.google.inject..", "picocli..", "dev.crosspt.djl..", "dev.crosspt.cli..",
                        "dev.crosspt.bench..")
                .check(classes);
    }

    @Test
    void coreDependsOnNoEngineOrCli() {
        noClasses().that().resideInAnyPackage("dev.crosspt.checkpoint..", "dev.crosspt.verify..", "dev.crosspt.data..",
                        "dev.crosspt.train..", "dev.crosspt.demo..", "dev.crosspt.report..", "dev.crosspt.t5..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl.pytorch..", "picocli..",
                        "dev.crosspt.djl..", "dev.crosspt.cli..")
                .check(classes);
    }
}
