package org.consentledger.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.consentledger.verify.VerifierMain;

/** Runs the offline verifier as an auditor would: on files, with the published key, at a given time. */
public final class OfflineVerifier {

    /** What the verifier printed, and its exit code. */
    public record Run(int exit, String output) {
    }

    private OfflineVerifier() {
    }

    /** The ledger export, as an auditor downloads it, in a file. */
    public static Path export() {
        return file("export", ".ndjson", Api.asAuditor().get("/api/v1/ledger/export").then().statusCode(200)
                .extract().asString());
    }

    public static Path file(String prefix, String suffix, String content) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --key} (the published verifier key) {@code --export} and one {@code --receipt} per file. */
    public static Run checkReceipts(Clock clock, Path export, Path... receipts) {
        List<String> args = new ArrayList<>(List.of("--key", Ledger.verifierKey(), "--export", export.toString()));
        for (Path receipt : receipts) {
            args.add("--receipt");
            args.add(receipt.toString());
        }
        return run(clock, args.toArray(String[]::new));
    }

    public static Run run(Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifierMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), clock);
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }
}
