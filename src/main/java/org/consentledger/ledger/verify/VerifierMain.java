package org.consentledger.ledger.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline verifier. Needs only a JDK: no database, no network.
 *
 * <pre>
 * java -jar target/consent-ledger-verifier.jar --key KEY (--export FILE | --evidence FILE)
 *      [--older-checkpoint FILE] [--consistency-proof FILE]
 *      [--witness-key WITNESS_KEY]... [--quorum N]
 * </pre>
 *
 * KEY is the verifier key from GET /api/v1/ledger/public-key, or a file holding it. With witness
 * keys, every checkpoint must also carry valid cosignatures from N of them (default: all). Exit code 0:
 * verified; 1: verification failed (the first bad record is named); 2: bad usage or unreadable input.
 */
public final class VerifierMain {

    private VerifierMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.containsKey("--key")
                || options.containsKey("--export") == options.containsKey("--evidence")) {
            out.println("usage: --key KEY (--export FILE | --evidence FILE) [--older-checkpoint FILE] [--consistency-proof FILE]");
            out.println("       [--witness-key WITNESS_KEY]... [--quorum N]");
            return 2;
        }
        try {
            Checkpoint.VerifierKey logKey = Checkpoint.VerifierKey.parse(textOrFile(options.get("--key")));
            Trust trust = trust(logKey, args, options.get("--quorum"));
            String older = options.containsKey("--older-checkpoint") ? read(options.get("--older-checkpoint")) : null;
            Verdict verdict;
            if (options.containsKey("--export")) {
                try (BufferedReader reader = Files.newBufferedReader(Path.of(options.get("--export")), StandardCharsets.UTF_8)) {
                    verdict = ExportVerifier.verify(reader, trust, older);
                }
            } else {
                Map<String, Object> proof = options.containsKey("--consistency-proof")
                        ? Json.parseObject(read(options.get("--consistency-proof"))) : null;
                verdict = EvidenceVerifier.verify(Json.parseObject(read(options.get("--evidence"))), trust, older, proof);
            }
            out.println(verdict.clean() ? verdict.message() : "FAILED: " + verdict.message());
            return verdict.clean() ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** Witness keys may be repeated, so they are read from the arguments rather than from the options map. */
    private static Trust trust(Checkpoint.VerifierKey logKey, String[] args, String quorum) throws IOException {
        Set<Cosignature.WitnessKey> witnesses = new LinkedHashSet<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--witness-key")) {
                witnesses.add(Cosignature.WitnessKey.parse(textOrFile(args[i + 1])));
            }
        }
        int needed;
        try {
            needed = quorum == null ? witnesses.size() : Integer.parseInt(quorum);
        } catch (NumberFormatException e) {
            needed = -1;
        }
        if (quorum != null && (needed < 1 || needed > witnesses.size())) {
            throw new IllegalArgumentException("--quorum must be between 1 and the number of --witness-key given");
        }
        return new Trust(logKey, List.copyOf(witnesses), needed);
    }

    private static String textOrFile(String value) throws IOException {
        Path path = Path.of(value);
        return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8).trim() : value;
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }
}
