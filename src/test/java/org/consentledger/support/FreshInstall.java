package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The README's first command, `java -Dquarkus.profile=local -jar quarkus-run.jar`, run as a
 * newcomer runs it: an empty Java temp dir and binaries directory (nothing unpacked yet), a data
 * directory that does not exist yet, and the embedded PostgreSQL. Only the ports and directories are the test's own, so
 * that it never meets a service the developer runs.
 */
public final class FreshInstall implements AutoCloseable {

    private final Path home;
    private final Path tmpDir;
    private final Path dataDir;
    private final int databasePort;
    private final List<Process> started = new ArrayList<>();

    private FreshInstall(Path home) throws IOException {
        this.home = home;
        this.tmpDir = Files.createDirectory(home.resolve("java-tmp"));
        this.dataDir = home.resolve("postgres");
        this.databasePort = freePort();
    }

    /** A fresh directory under /tmp, which the embedded server's account can reach when started by root. */
    public static FreshInstall create() throws IOException {
        Path home = Files.createTempDirectory(Path.of("/tmp"), "consent-ledger-fresh");
        home.toFile().setExecutable(true, false);
        return new FreshInstall(home);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path javaTmpDir() {
        return tmpDir;
    }

    /** Starts a copy of the service on its own HTTP and management ports; the database is this install's. */
    public Copy start(String name, String... settings) throws IOException {
        return start(name, freePort(), freePort(), settings);
    }

    public Copy start(String name, int httpPort, int managementPort, String... settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dquarkus.profile=local"));
        for (String setting : settings) {
            command.add("-D" + setting);
        }
        command.addAll(List.of("-jar", PackagedApp.JAR.toAbsolutePath().toString()));
        Path log = home.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmpDir);
        env.put("CONSENT_EMBEDDED_POSTGRES_DATA_DIR", dataDir.toString());
        // Root's binaries are kept outside the temp dir: an empty directory of their own is its fresh machine.
        env.put("CONSENT_EMBEDDED_POSTGRES_BINARIES_DIR", home.resolve("binaries").toString());
        env.put("CONSENT_EMBEDDED_POSTGRES_PORT", String.valueOf(databasePort));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        Process process = builder.start();
        started.add(process);
        return new Copy(process, httpPort, log);
    }

    /** Whether a PostgreSQL server still runs on this install's data directory. */
    public boolean databaseRunning() {
        return postmaster().isPresent();
    }

    /** Stops every copy, and any server they left behind, and deletes the install. */
    @Override
    public void close() throws Exception {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        postmaster().ifPresent(ProcessHandle::destroy);
        new ProcessBuilder("rm", "-rf", home.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }

    /** The live process named in the data directory's postmaster.pid, if any. */
    private Optional<ProcessHandle> postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException noServer) {
            return Optional.empty();
        }
    }

    /**
     * A free port below the ephemeral range, so that no outgoing connection of another process
     * takes it between this check and the service's bind.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("No free port between 20000 and 30000"));
    }

    /** One running copy of the service and its console output. */
    public record Copy(Process process, int port, Path log) {

        /** Waits until the copy answers ready, or exits; true when ready. */
        public boolean awaitReady(int seconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (RawHttp.send(port, "GET", "/q/health/ready", null).status() == 200) {
                        return true;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            return false;
        }

        /** Waits for the copy to exit and returns its exit code, or -1 when it still runs. */
        public int awaitExit(int seconds) throws InterruptedException {
            return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
        }

        public String output() throws IOException {
            return Files.readString(log);
        }
    }
}
