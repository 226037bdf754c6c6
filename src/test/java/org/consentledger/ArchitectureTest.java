package org.consentledger;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The shape of the main code: packages by feature that depend on each other in one direction only. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.consentledger");

    /** Each package is a slice; a cycle means two features cannot be understood or changed apart. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.consentledger.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
