package org.consentledger.ledger.witness;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.ledger.LedgerAlarm;

import io.quarkus.logging.Log;

/**
 * Witnesses that refused this ledger's checkpoints. A refusal means a witness saw a history that
 * does not extend the one it cosigned: the alarm stays until an operator has looked and restarted
 * the service. Each distinct reason is logged once, at ERROR.
 */
@ApplicationScoped
public class WitnessAlarm implements LedgerAlarm {

    /** Enough to tell what happened; a witness refusing every round with new sizes must not fill the heap. */
    private static final int REASONS_KEPT = 10;

    private final Map<String, Set<String>> reasons = new LinkedHashMap<>();

    @Override
    public String name() {
        return "witnesses";
    }

    synchronized void raise(String witness, String reason) {
        Set<String> ofWitness = reasons.computeIfAbsent(witness, w -> new LinkedHashSet<>());
        if (ofWitness.size() < REASONS_KEPT && ofWitness.add(reason)) {
            Log.errorf("Witness %s: %s", witness, reason);
        }
    }

    @Override
    public synchronized Optional<String> raised() {
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        reasons.forEach((witness, list) -> list.forEach(reason -> text.append(text.length() == 0 ? "" : " | ")
                .append(witness).append(": ").append(reason)));
        return Optional.of(text.toString());
    }
}
