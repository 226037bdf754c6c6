package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.consentledger.database.EmbeddedPostgresServer;

/**
 * Faults for an embedded PostgreSQL that a test started: found through its data directory's
 * postmaster.pid, signalled by process id only (the postmaster and its own children).
 */
public final class Postgres {

    private final Path dataDir;
    private final int port;

    private Postgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The server running in this data directory now. */
    public static Postgres in(Path dataDir) {
        List<String> pidFile = pidFile(dataDir);
        return new Postgres(dataDir, Integer.parseInt(pidFile.get(3).trim()));
    }

    /** Every process of the server: kill -9, as a crash or an OOM killer would. */
    public void kill() {
        signal("-KILL");
        for (String pid : pids()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        }
    }

    /** SIGSTOP to every process of the server: it accepts connections and answers nothing. */
    public void freeze() {
        signal("-STOP");
    }

    public void thaw() {
        signal("-CONT");
    }

    /** Starts the server again on the same data directory and port, as an operator would. */
    public void restart() {
        // The server object is not kept: the test resource stops whatever runs in the data directory.
        EmbeddedPostgresServer.start(dataDir, port);
    }

    private void signal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids());
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The postmaster and the processes it forked (backends, checkpointer, WAL writer, ...). */
    private List<String> pids() {
        long postmaster = Long.parseLong(pidFile(dataDir).get(0).trim());
        List<String> pids = new ArrayList<>();
        pids.add(String.valueOf(postmaster));
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(child -> pids.add(String.valueOf(child.pid()))));
        return pids;
    }

    private static List<String> pidFile(Path dataDir) {
        try {
            return Files.readAllLines(dataDir.resolve("postmaster.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException("No server runs in " + dataDir, e);
        }
    }
}
