package org.consentledger;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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

    /** The log itself, its proofs and its witnesses; evidence, export and receipts are features built on it. */
    private static final String[] LEDGER_CORE = {"org.consentledger.ledger", "org.consentledger.ledger.proof",
            "org.consentledger.ledger.witness"};

    /** What the ledger's core may use besides itself: the verifier's format and what every package shares. */
    private static final String[] SHARED = {"org.consentledger.verify..", "org.consentledger.common..",
            "org.consentledger.security.."};

    /** Each package is a slice; a cycle means two features cannot be understood or changed apart. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.consentledger.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * The verifier jar runs on an auditor's machine with nothing else on its class path, so the
     * verifier uses the JDK only. The service imports the verifier, never the reverse.
     */
    @Test
    void theVerifierDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("org.consentledger.verify..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.consentledger.verify..")
                .check(MAIN);
    }

    /**
     * The witness ships in the verifier jar and runs from it alone: it uses the JDK, including its
     * HTTP server (module jdk.httpserver), and the verifier's formats. The verifier knows nothing of it.
     */
    @Test
    void theWitnessDependsOnTheJdkAndTheVerifierOnly() {
        classes().that().resideInAPackage("org.consentledger.witness..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..",
                        "com.sun.net.httpserver..", "org.consentledger.verify..", "org.consentledger.witness..")
                .check(MAIN);
    }

    /**
     * The log sees opaque records: each feature provides its own through a RecordSource, so a new
     * kind of record is a change in its feature only, and the core imports no feature.
     */
    @Test
    void theLedgerCoreDependsOnNoFeature() {
        noClasses().that().resideInAnyPackage(LEDGER_CORE)
                .should().dependOnClassesThat(resideInAPackage("org.consentledger..")
                        .and(resideOutsideOfPackages(LEDGER_CORE)).and(resideOutsideOfPackages(SHARED)))
                .check(MAIN);
    }
}
