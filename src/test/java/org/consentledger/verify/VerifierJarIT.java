package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.consentledger.support.PackagedApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier jar (target/consent-ledger-VERSION-verifier.jar, built by `mvn package`) as an
 * auditor runs it: in a process of its own, with a JDK and nothing else on its class path. The
 * inputs are an export, a receipt and an evidence package of the golden records, signed by a ledger
 * key of the test's own.
 */
@Tag("process")
class VerifierJarIT {

    private static final String EVENT_TYPE = "\"type\":\"PREFERENCES_SAVED\"";

    private static Path jar;

    @TempDir
    Path files;
    private OtherLedger ledger;
    private Path export;
    private Path receipt;

    @BeforeAll
    static void theVerifierJarOfThisBuild() throws IOException {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
        try (Stream<Path> target = Files.list(Path.of("target"))) {
            List<Path> jars = target.filter(p -> p.getFileName().toString().matches("consent-ledger-.*-verifier\\.jar"))
                    .toList();
            assertThat(jars).as("the verifier jar in target/").hasSize(1);
            jar = jars.get(0).toAbsolutePath();
        }
    }

    @BeforeEach
    void anExportAndAReceiptOfTheGoldenEvent() throws IOException {
        ledger = new OtherLedger("auditor.example/ledger");
        export = Files.writeString(files.resolve("export.ndjson"), ledger.goldenExport());
        receipt = Files.writeString(files.resolve("receipt.json"),
                ledger.goldenReceipt(Instant.parse("2026-01-31T12:01:00Z")));
    }

    @Test
    void anExportAndItsReceiptVerify() throws Exception {
        Run run = java("-jar", jar.toString(), "--key", ledger.key().encoded(), "--export", export.toString(),
                "--receipt", receipt.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).isEqualTo("OK: 3 records verified against the checkpoint of size 3\n"
                + "receipt " + receipt + ": INCLUDED: The checkpoint of size 3 holds event "
                + GoldenRecords.EVENT_ID + " exactly as receipted.\n");
    }

    @Test
    void aTamperedExportFailsAtTheAlteredRecord() throws Exception {
        Path altered = Files.writeString(files.resolve("altered.ndjson"),
                Files.readString(export).replace(EVENT_TYPE, "\"type\":\"BANNER_CLOSED\""));

        Run run = java("-jar", jar.toString(), "--key", ledger.key().encoded(), "--export", altered.toString());

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).isEqualTo("FAILED: record seq 0: the record does not match its leaf hash: it was altered\n");
    }

    @Test
    void aTamperedReceiptIsInvalid() throws Exception {
        Path tampered = Files.writeString(files.resolve("tampered.json"),
                Files.readString(receipt).replace(EVENT_TYPE, "\"type\":\"BANNER_CLOSED\""));

        Run run = java("-jar", jar.toString(), "--key", ledger.key().encoded(), "--export", export.toString(),
                "--receipt", tampered.toString());

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).endsWith("receipt " + tampered + ": INVALID: signature does not verify with the "
                + "ledger's key: the receipt was altered or forged\n");
    }

    @Test
    void anEvidencePackageNamesTheEndpointToldAndFailsWhenItsDeliveryIsAltered() throws Exception {
        Path evidence = Files.writeString(files.resolve("evidence.json"), ledger.goldenEvidence());
        Path altered = Files.writeString(files.resolve("altered.json"),
                Files.readString(evidence).replace("\"statusCode\":204", "\"statusCode\":200"));

        Run run = java("-jar", jar.toString(), "--key", ledger.key().encoded(), "--evidence", evidence.toString());
        Run failed = java("-jar", jar.toString(), "--key", ledger.key().encoded(), "--evidence", altered.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).endsWith("\nevent " + GoldenRecords.EVENT_ID + ": endpoint " + GoldenRecords.WEBHOOK_ENDPOINT_ID
                + " (URL SHA-256 " + GoldenRecords.WEBHOOK_URL_SHA256 + ") was told at 2026-01-31T12:00:02.500001Z and "
                + "answered 204 (webhook-id msg_" + GoldenRecords.WEBHOOK_MESSAGE_ID + ", seq 2)\n");
        assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).isEqualTo("FAILED: record seq 2: the record does not match its leaf hash: it was altered\n");
    }

    @Test
    void theJarHoldsTheVerifierAndTheWitnessOnly() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo(VerifierMain.class.getName());
            assertThat(manifest.getMainAttributes().getValue("Class-Path")).isNull();
            assertThat(file.stream().map(entry -> entry.getName()).filter(name -> !name.endsWith("/")))
                    .allMatch(name -> name.startsWith("META-INF/") || name.startsWith("org/consentledger/verify/")
                            || name.startsWith("org/consentledger/witness/"));
        }
    }

    @Test
    void theWitnessStartsFromTheJarAlone() throws Exception {
        Path log = files.resolve("witness.log");
        Process witness = start(log, "-cp", jar.toString(), "org.consentledger.witness.WitnessMain",
                "--name", "auditor.example/witness", "--key", files.resolve("witness.key").toString(), "--generate-key",
                "--state", files.resolve("witness.state").toString(), "--port", "0",
                "--log-key", ledger.key().encoded());
        try {
            String output = "";
            for (int i = 0; i < 300 && witness.isAlive() && !output.contains("verifier key: "); i++) {
                Thread.sleep(100);
                output = Files.readString(log);
            }
            assertThat(output).contains("witness auditor.example/witness listening on port ")
                    .contains(" for [auditor.example/ledger]").contains("verifier key: auditor.example/witness+");
        } finally {
            witness.destroy();
            witness.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The exit code and all the process printed. */
    private record Run(int exit, String output) {
    }

    private Run java(String... args) throws Exception {
        Path log = Files.createTempFile(files, "verifier", ".log");
        Process process = start(log, args);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the verifier did not exit within 60 s; it printed:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * The JDK running these tests, in the temp dir, with no class path of ours: no CLASSPATH, and
     * no options the environment would add (which the JVM would also announce in the output).
     */
    private Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(files.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        for (String variable : List.of("CLASSPATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            builder.environment().remove(variable);
        }
        return builder.start();
    }
}
