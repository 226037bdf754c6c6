package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar, built by `mvn package`) in a process
 * of its own, in the prod profile, against a database the test provides. Only this test's
 * process is ever signalled, by its id.
 */
public final class PackagedApp implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /**
     * True in the packaged-jar execution of mvn verify, which runs after package. Elsewhere (a
     * -Dtest pattern that also matches *IT in the test phase) the jar may be missing or stale.
     */
    public static boolean packagedForThisBuild() {
        return Boolean.getBoolean("consent.packaged-jar-tests");
    }

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private PackagedApp(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the jar and waits, a bounded number of times, until it is ready. */
    public static PackagedApp start(String jdbcUrl, Path stateDir, String name, String... settings) throws IOException {
        int port = freePort();
        int managementPort = freePort();
        Path log = Path.of("target", name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Quicker to start, which five restarts feel; the tests measure no speed.
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                // One test client posts everything: the limits are another test's subject.
                "-Dconsent.limits.enabled=false", "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=postgres",
                "-Dconsent.ledger.signing-key-file=" + Path.of("src/test/resources/test-ledger/signing-key.pem").toAbsolutePath(),
                "-Dconsent.ledger.state-dir=" + stateDir.toAbsolutePath(),
                "-Dmp.jwt.verify.publickey.location=" + Path.of("src/test/resources/test-jwt/public.pem").toAbsolutePath(),
                "-Dmp.jwt.verify.issuer=consent-ledger-test"));
        for (String setting : settings) {
            command.add("-D" + setting);
        }
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        PackagedApp app = new PackagedApp(process, port, managementPort, log);
        app.awaitReady();
        return app;
    }

    public int port() {
        return port;
    }

    /** The port of /q/metrics. */
    public int managementPort() {
        return managementPort;
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, as an orchestrator stopping the pod. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: nothing runs after it, no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void awaitReady() throws IOException {
        for (int i = 0; i < 240; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited at start; see " + log.toAbsolutePath() + ":\n" + tail());
            }
            try {
                if (RawHttp.send(port, "GET", "/q/health/ready", null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("The service was not ready after 60 s; see " + log.toAbsolutePath());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
