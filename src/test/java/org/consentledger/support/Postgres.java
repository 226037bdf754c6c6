package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * SIGSTOP to every process of the server: it accepts connections and answers nothing. The
     * postmaster stops first, so that no backend forked while the signals go out is left running
     * (one such backend once served a write of a "frozen" server); then its children, listed again
     * until none is left to stop.
     */
    public void freeze() {
        String postmaster = pids().get(0);
        run(List.of("kill", "-STOP", postmaster));
        Set<String> stopped = new HashSet<>(List.of(postmaster));
        for (List<String> left = notYet(stopped); !left.isEmpty(); left = notYet(stopped)) {
            // A child that exits meanwhile makes kill fail for its id; the others are signalled all the same.
            List<String> command = new ArrayList<>(List.of("sh", "-c", "kill -STOP \"$@\" 2>/dev/null; true", "stop"));
            command.addAll(left);
            run(command);
            stopped.addAll(left);
        }
    }

    private List<String> notYet(Set<String> stopped) {
        return pids().stream().filter(pid -> !stopped.contains(pid)).toList();
    }

    public void thaw() {
        signal("-CONT");
    }

    /**
     * Starts the server again on the same data directory and port, as an operator would. The
     * server is not kept as an object: the test resource stops whatever runs in the data directory.
     */
    public void restart() {
        EmbeddedPostgresServer.start(dataDir, port);
    }

    private void signal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids());
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + new String(process.getInputStream().readAllBytes()));
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
