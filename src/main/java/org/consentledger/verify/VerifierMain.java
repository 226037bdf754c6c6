package org.consentledger.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline verifier. Needs only a JDK: no database, no network.
 *
 * <pre>
 * java -jar target/consent-ledger-verifier.jar --key KEY (--export FILE [--receipt FILE]... | --evidence FILE)
 *      [--older-checkpoint FILE [--consistency-proof FILE]] [--witness-key WITNESS_KEY]... [--quorum N]
 * java -jar target/consent-ledger-verifier.jar --tree-size FILE
 * </pre>
 *
 * KEY is the verifier key from GET /api/v1/ledger/public-key: the key itself, a file holding it,
 * or the endpoint's JSON saved to a file. With witness keys, every checkpoint must also carry
 * valid cosignatures from N of them (default: all). With receipts, see {@link ReceiptVerifier}.
 * {@code --tree-size} prints the tree size of the checkpoint in a checkpoint, evidence or export
 * file, for fetching the matching consistency proof. Exit code 0: verified; 1: verification failed
 * (the first bad record is named); 2: bad usage or unreadable input.
 */
public final class VerifierMain {

    static final String USAGE = "usage: --key KEY (--export FILE [--receipt FILE]... | --evidence FILE) "
            + "[--older-checkpoint FILE [--consistency-proof FILE]] [--witness-key WITNESS_KEY]... [--quorum N]\n"
            + "       --tree-size FILE";
    private static final Set<String> REPEATABLE = Set.of("--receipt", "--witness-key");

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
        Map<String, List<String>> repeated = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (REPEATABLE.contains(args[i])) {
                repeated.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        List<String> receipts = repeated.getOrDefault("--receipt", List.of());
        try {
            if (args.length == 2 && options.containsKey("--tree-size")) {
                out.println(Checkpoint.parse(checkpointIn(read(options.get("--tree-size")))).treeSize());
                return 0;
            }
            String usageError = usageError(args, options, receipts);
            if (usageError != null) {
                out.println("error: " + usageError);
                out.println(USAGE);
                return 2;
            }
            Checkpoint.VerifierKey logKey = Checkpoint.VerifierKey.parse(verifierKey(options.get("--key")));
            Trust trust = trust(logKey, repeated.getOrDefault("--witness-key", List.of()), options.get("--quorum"));
            String older = options.containsKey("--older-checkpoint") ? read(options.get("--older-checkpoint")) : null;
            if (!receipts.isEmpty()) {
                return ReceiptVerifier.run(Path.of(options.get("--export")), receipts, trust, older, clock.instant(), out);
            }
            Verdict verdict;
            if (options.containsKey("--export")) {
                try (BufferedReader reader = Files.newBufferedReader(Path.of(options.get("--export")), StandardCharsets.UTF_8)) {
                    verdict = ExportVerifier.verify(reader, trust, older);
                }
            } else {
                Map<String, Object> evidence = Json.parseObject(read(options.get("--evidence")));
                Map<String, Object> proof = options.containsKey("--consistency-proof")
                        ? Json.parseObject(read(options.get("--consistency-proof"))) : null;
                if (proof != null) {
                    requireMatchingSizes(proof, older, evidence);
                }
                verdict = EvidenceVerifier.verify(evidence, trust, older, proof);
            }
            out.println(verdict.clean() ? verdict.message() : "FAILED: " + verdict.message());
            return verdict.clean() ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static String usageError(String[] args, Map<String, String> options, List<String> receipts) {
        if (args.length % 2 != 0 || !options.containsKey("--key")
                || options.containsKey("--export") == options.containsKey("--evidence")) {
            return "give --key and exactly one of --export or --evidence";
        }
        if (!receipts.isEmpty() && !options.containsKey("--export")) {
            return "--receipt is checked against a ledger export: give --export";
        }
        if (options.containsKey("--evidence") && options.containsKey("--older-checkpoint")
                != options.containsKey("--consistency-proof")) {
            return "with --evidence, --older-checkpoint and --consistency-proof go together: the proof shows that "
                    + "the evidence's checkpoint extends the older one";
        }
        return null;
    }

    /**
     * A proof between other checkpoints than the two given would be judged a fork it is not:
     * refuse it as bad input and say which proof to fetch.
     */
    private static void requireMatchingSizes(Map<String, Object> proof, String older, Map<String, Object> evidence) {
        long olderSize = Checkpoint.parse(older).treeSize();
        if (!(evidence.get("checkpoint") instanceof String note)) {
            throw new IllegalArgumentException("the evidence package has no checkpoint");
        }
        long newerSize = Checkpoint.parse(note).treeSize();
        if (!Long.valueOf(olderSize).equals(proof.get("from")) || !Long.valueOf(newerSize).equals(proof.get("to"))) {
            throw new IllegalArgumentException("the consistency proof is from size " + proof.get("from") + " to "
                    + proof.get("to") + ", but the checkpoints are of sizes " + olderSize + " and " + newerSize
                    + ": fetch /api/v1/ledger/proof/consistency?from=" + olderSize + "&to=" + newerSize);
        }
    }

    /** The checkpoint note in a file holding a note, an evidence package, or an export (its first line). */
    private static String checkpointIn(String text) {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("{")) {
            return text;
        }
        String firstLine = trimmed.lines().findFirst().orElse("");
        Object checkpoint = Json.parseObject(firstLine.endsWith("}") ? firstLine : trimmed).get("checkpoint");
        if (!(checkpoint instanceof String note)) {
            throw new IllegalArgumentException("no checkpoint in that file");
        }
        return note;
    }

    /** The key itself, a file holding it, or the public-key endpoint's JSON saved to a file. */
    private static String verifierKey(String value) throws IOException {
        String text = textOrFile(value);
        if (text.startsWith("{")) {
            Object key = Json.parseObject(text).get("verifierKey");
            if (!(key instanceof String verifierKey)) {
                throw new IllegalArgumentException("--key: no verifierKey in that JSON");
            }
            return verifierKey;
        }
        return text;
    }

    private static Trust trust(Checkpoint.VerifierKey logKey, List<String> witnessKeys, String quorum) throws IOException {
        Set<Cosignature.WitnessKey> witnesses = new LinkedHashSet<>();
        for (String witnessKey : witnessKeys) {
            witnesses.add(Cosignature.WitnessKey.parse(textOrFile(witnessKey)));
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
