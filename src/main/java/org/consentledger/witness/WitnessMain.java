package org.consentledger.witness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Ed25519;

/**
 * Runs a witness as its own process, with nothing but a JDK:
 *
 * <pre>
 * java -cp consent-ledger-verifier.jar org.consentledger.witness.WitnessMain --name NAME --key FILE
 *      [--generate-key] --state FILE --port PORT --log-key LOG_VERIFIER_KEY [--log-key ...]
 * </pre>
 *
 * It prints its verifier key, which logs and auditors configure to check its cosignatures.
 * Exit code 2 on bad usage.
 */
public final class WitnessMain {

    static final String USAGE = "usage: --name NAME --key FILE [--generate-key] --state FILE --port PORT "
            + "--log-key LOG_VERIFIER_KEY [--log-key ...]";

    private WitnessMain() {
    }

    public static void main(String[] args) {
        try {
            WitnessServer server = start(args, System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        } catch (IllegalArgumentException e) {
            System.out.println("error: " + e.getMessage());
            System.out.println(USAGE);
            System.exit(2);
        }
    }

    /**
     * Starts a witness and returns it running.
     *
     * @throws IllegalArgumentException on bad usage, naming what is wrong
     */
    public static WitnessServer start(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        List<Checkpoint.VerifierKey> logs = new ArrayList<>();
        boolean generate = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--generate-key")) {
                generate = true;
            } else if (i + 1 == args.length || !List.of("--name", "--key", "--state", "--port", "--log-key").contains(args[i])) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            } else if (args[i].equals("--log-key")) {
                logs.add(Checkpoint.VerifierKey.parse(args[++i]));
            } else {
                options.put(args[i], args[++i]);
            }
        }
        for (String required : List.of("--name", "--key", "--state", "--port")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("at least one --log-key is required");
        }
        int port = port(options.get("--port"));
        KeyPair key = keyPair(Path.of(options.get("--key")), generate, out);
        Witness witness = new Witness(options.get("--name"), key, logs,
                WitnessState.open(Path.of(options.get("--state"))), Clock.systemUTC());
        WitnessServer server = WitnessServer.start(witness, port);
        out.println("witness " + witness.key().name() + " listening on port " + server.port() + " for "
                + logs.stream().map(Checkpoint.VerifierKey::name).toList());
        out.println("verifier key: " + witness.key().encoded());
        return server;
    }

    private static KeyPair keyPair(Path file, boolean generate, PrintStream out) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalArgumentException("no key in " + file + "; pass --generate-key to create one");
                }
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.writeString(file, Ed25519.pem(Ed25519.newSeed()));
                ownerOnly(file);
                out.println("generated a witness key in " + file);
            }
            return Ed25519.keyPair(Ed25519.seedFromPem(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the witness key " + file, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 (any free port) to 65535");
    }
}
