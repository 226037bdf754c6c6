package org.consentledger.ledger;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * What the ledger's own checks found wrong, by check: signing, the ledger's path in the database,
 * the merge delay. An alarm stays raised until the service restarts: an operator who hides the
 * evidence afterwards must not silence it. The ledger health check reports them.
 */
@ApplicationScoped
public class LedgerAlarms {

    private final Map<String, String> raised = new ConcurrentHashMap<>();

    /** Raises the check's alarm, logging the reason at ERROR the first time and whenever it changes. */
    public void raise(String check, String reason) {
        String before = raised.put(check, reason);
        if (!reason.equals(before)) {
            Log.error(reason);
        }
    }

    public Map<String, String> raised() {
        return new TreeMap<>(raised);
    }
}
