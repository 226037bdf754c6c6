package org.consentledger.ledger.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline verifier. Needs only a JDK: no database, no network.
 *
 * <pre>
 * java -jar target/consent-ledger-verifier.jar --key KEY (--export FILE [--receipt FILE]... | --evidence FILE)
 *      [--older-checkpoint FILE] [--consistency-proof FILE]
 * </pre>
 *
 * KEY is the verifier key from GET /api/v1/ledger/public-key, or a file holding it. Exit code 0:
 * verified; 1: verification failed (the first bad record is named); 2: bad usage or unreadable input.
 * With receipts, see {@link ReceiptVerifier}.
 */
public final class VerifierMain {

    private VerifierMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        return run(args, out, Clock.systemUTC());
    }

    /** As above, judging receipts' promises at the time {@code clock} tells. */
    public static int run(String[] args, PrintStream out, Clock clock) {
        Map<String, String> options = new HashMap<>();
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--receipt")) {
                receipts.add(args[i + 1]);
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        if (args.length % 2 != 0 || !options.containsKey("--key")
                || options.containsKey("--export") == options.containsKey("--evidence")
                || !receipts.isEmpty() && !options.containsKey("--export")) {
            out.println("usage: --key KEY (--export FILE [--receipt FILE]... | --evidence FILE) [--older-checkpoint FILE] "
                    + "[--consistency-proof FILE]");
            return 2;
        }
        try {
            Checkpoint.VerifierKey key = Checkpoint.VerifierKey.parse(textOrFile(options.get("--key")));
            String older = options.containsKey("--older-checkpoint") ? read(options.get("--older-checkpoint")) : null;
            if (!receipts.isEmpty()) {
                return ReceiptVerifier.run(Path.of(options.get("--export")), receipts, key, older, clock.instant(), out);
            }
            Verdict verdict;
            if (options.containsKey("--export")) {
                try (BufferedReader reader = Files.newBufferedReader(Path.of(options.get("--export")), StandardCharsets.UTF_8)) {
                    verdict = ExportVerifier.verify(reader, key, older);
                }
            } else {
                Map<String, Object> proof = options.containsKey("--consistency-proof")
                        ? Json.parseObject(read(options.get("--consistency-proof"))) : null;
                verdict = EvidenceVerifier.verify(Json.parseObject(read(options.get("--evidence"))), key, older, proof);
            }
            out.println(verdict.clean() ? verdict.message() : "FAILED: " + verdict.message());
            return verdict.clean() ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static String textOrFile(String value) throws IOException {
        Path path = Path.of(value);
        return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8).trim() : value;
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }
}
