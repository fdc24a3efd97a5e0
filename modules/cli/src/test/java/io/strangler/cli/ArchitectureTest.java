package io.strangler.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked by the build rather than by review. Runs in the CLI module
 * because its test classpath holds every production module (asserted below, so a module missing from it fails).
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strangler");
    }

    @Test
    void coreShouldNotDependOnDebeziumOrOnOuterModules() {
        noClasses().that().resideInAPackage("io.strangler.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.debezium..", "io.strangler.embedded..", "io.strangler.testsupport..", "io.strangler.cli..")
                .because("core is the anti-corruption layer every component depends on")
                .check(production);
    }

    @Test
    void embeddedRuntimeShouldDependOnNothingOfStranglers() {
        noClasses().that().resideInAPackage("io.strangler.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strangler.core..", "io.strangler.cli..",
                        "io.strangler.schemas..")
                .because("every module's tests use the embedded servers; a dependency back would be a cycle")
                .check(production);
    }

    @Test
    void internalPackagesShouldOnlyBeUsedByTheirOwnModule() {
        // every top-level package under io.strangler is one module's public API and its internals
        java.util.Set<String> modules = new java.util.TreeSet<>();
        production.forEach(javaClass -> {
            String[] parts = javaClass.getPackageName().split("\\.");
            if (parts.length > 2) {
                modules.add(parts[2]);
            }
        });
        org.assertj.core.api.Assertions.assertThat(modules).as("the modules on this classpath").contains("core",
                "embedded", "schemas", "capture", "apply", "sync", "replicate", "consistency", "validator", "router", "analyzer", "generator",
                "cli");
        for (String module : modules) {
            String base = "io.strangler." + module;
            noClasses().that().resideOutsideOfPackage(base + "..")
                    .should().dependOnClassesThat().resideInAPackage(base + "..internal..")
                    .because("internal packages are not public API")
                    .check(production);
        }
    }

    @Test
    void onlyTheCommandLineShouldWriteToStandardOutput() {
        noClasses().that().resideOutsideOfPackage("io.strangler.cli..")
                .and().doNotHaveSimpleName("StartupProbe")
                .should().accessField(System.class, "out")
                .because("components log through SLF4J; standard output belongs to the CLI and perf harnesses")
                .check(production);
    }
}
