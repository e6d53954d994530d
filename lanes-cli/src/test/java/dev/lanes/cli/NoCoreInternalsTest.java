package dev.lanes.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The command uses Lanes through its API only: no class of this module, main or test, depends on
 * core's {@code dev.lanes.internal} packages (issue 8, item 8; core's own rules are in core's
 * {@code dev.lanes.ApiBoundaryTest}). A new module that depends on core copies this rule with its
 * own package.
 */
class NoCoreInternalsTest {

    @Test
    void dependsOnNothingInCoresInternals() {
        noClasses().that().resideInAPackage("dev.lanes.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.lanes.internal..")
                .because("lanes-cli is a user of the API; internals may change in any release")
                .check(new ClassFileImporter().importPackages("dev.lanes.cli"));
    }
}
