package org.consentledger.common;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database that cannot answer now (down, frozen, locked, out of connections) from a bug.
 * The first is the client's 503 with Retry-After, and goes away by itself; the second is a 500.
 */
public final class DatabaseFailures {

    /**
     * SQLSTATEs that mean "not now": 57014 a statement or lock timeout cancelled the query, 55P03
     * a lock could not be had, 57P01-57P03 the server is shutting down or starting, 53300 too many
     * connections. Class 08 (connection exceptions) is matched by its prefix.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("57014", "55P03", "57P01", "57P02", "57P03", "53300",
            "53400");

    private DatabaseFailures() {
    }

    /**
     * Agroal words a wait for a connection that ran out without a SQLSTATE: "Acquisition timeout
     * while waiting for new connection", "Sorry, acquisition timeout!", or "Interrupted while
     * acquiring" when {@link org.consentledger.database.StuckPoolWaits} cut a stuck wait short.
     */
    private static boolean isPoolWaitCutShort(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("acquisition timeout") || lower.contains("interrupted while acquiring");
    }

    /** True for a SQLSTATE that says "not now" rather than "never": a timeout, a lock, a lost connection. */
    public static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state));
    }

    /** True when the failure, or anything in its cause chain, says the database is unavailable. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // The pool cancels (interrupts) a connection it was opening when the caller's wait runs
            // out, and that caller may get the InterruptedException itself.
            if (t instanceof SQLTransientException || t instanceof TimeoutException || t instanceof InterruptedException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (isUnavailableState(state)) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && isPoolWaitCutShort(sql.getMessage())) {
                    return true;
                }
            }
        }
        return false;
    }
}
