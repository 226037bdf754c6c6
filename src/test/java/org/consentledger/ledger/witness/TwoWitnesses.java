package org.consentledger.ledger.witness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Ed25519;
import org.consentledger.witness.WitnessMain;
import org.consentledger.witness.WitnessServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Two real witnesses, started from their command line in this JVM on free ports, each with a fresh
 * key and state in a temporary directory, witnessing the log of the test signing key. The service
 * is configured to submit its checkpoints to both and to publish only checkpoints both cosigned.
 */
public class TwoWitnesses implements QuarkusTestResourceLifecycleManager {

    static final String LOG_ORIGIN = "consent-ledger.local/ledger";
    private static final Path SIGNING_KEY = Path.of("src/test/resources/test-ledger/signing-key.pem");

    private final List<WitnessServer> servers = new ArrayList<>();
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("consent-ledger-test-witnesses");
            String logKey = Checkpoint.VerifierKey.of(LOG_ORIGIN,
                    Ed25519.rawPublicKey(Ed25519.keyPair(Ed25519.seedFromPem(Files.readString(SIGNING_KEY))).getPublic()))
                    .encoded();
            List<String> entries = new ArrayList<>();
            for (String name : List.of("witness-one.test/w", "witness-two.test/w")) {
                entries.add(start(name, logKey));
            }
            return Map.of("consent.ledger.witnesses", String.join(",", entries), "consent.ledger.witness-quorum", "2");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the service's configuration entry for it: URL, space, verifier key */
    private String start(String name, String logKey) {
        Path home = dir.resolve(name.replace('/', '_'));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        WitnessServer server = WitnessMain.start(new String[] { "--name", name, "--key", home.resolve("key.pem").toString(),
                "--generate-key", "--state", home.resolve("state").toString(), "--port", "0", "--log-key", logKey },
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        servers.add(server);
        String output = printed.toString(StandardCharsets.UTF_8);
        String verifierKey = output.substring(output.indexOf("verifier key: ") + "verifier key: ".length()).trim();
        return "http://127.0.0.1:" + server.port() + "/ " + verifierKey;
    }

    @Override
    public void stop() {
        servers.forEach(WitnessServer::close);
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
