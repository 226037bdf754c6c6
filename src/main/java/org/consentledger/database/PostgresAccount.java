package org.consentledger.database;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.logging.Log;

/**
 * PostgreSQL refuses to run as root. Started by root, as on a fresh VM or in a container, the
 * embedded server runs as an unprivileged system account instead, the way official database
 * images drop privileges: the account is created if missing and owns the data directory.
 */
public final class PostgresAccount {

    public static final String NAME = "consent-postgres";

    private PostgresAccount() {
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Started by root: creates the account if missing and gives it the data directory, which it
     * must be able to reach. Otherwise the current user runs the server and owns its data already.
     */
    public static void prepare(Path dataDir) {
        if (!runningAsRoot()) {
            return;
        }
        if (run("id", "-u", NAME) != 0) {
            require(run("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", NAME), "create the system account " + NAME);
            Log.infof("Created the system account %s to run the embedded PostgreSQL", NAME);
        }
        require(run("chown", "-R", NAME + ":" + NAME, dataDir.toString()), "give " + dataDir + " to " + NAME);
        if (run(asAccount("test", "-w", dataDir.toString())) != 0) {
            throw new IllegalStateException("The embedded PostgreSQL runs as " + NAME + " when started by root, and "
                    + NAME + " cannot reach " + dataDir.toAbsolutePath() + ". Set CONSENT_EMBEDDED_POSTGRES_DATA_DIR "
                    + "to a directory outside root's home, such as /var/lib/consent-ledger/postgres");
        }
    }

    /** The command, run as the account when started by root, else as it is. */
    public static String[] asAccount(String... command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME, "--init-groups", "--"));
        full.addAll(List.of(command));
        return full.toArray(String[]::new);
    }

    static int run(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void require(int exitCode, String what) {
        if (exitCode != 0) {
            throw new IllegalStateException("Could not " + what + " (exit code " + exitCode + ")");
        }
    }
}
