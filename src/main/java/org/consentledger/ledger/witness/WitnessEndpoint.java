package org.consentledger.ledger.witness;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.consentledger.verify.Cosignature;

/** A witness as configured: where its add-checkpoint is, and the key its cosignatures must verify with. */
record WitnessEndpoint(URI addCheckpoint, Cosignature.WitnessKey key) {

    String name() {
        return key.name();
    }

    /**
     * Parses consent.ledger.witnesses entries, {@code URL VERIFIER_KEY}, and checks the quorum
     * against them, so a mistake stops the service at start rather than silently cosigning nothing.
     */
    static List<WitnessEndpoint> parse(List<String> entries, int quorum) {
        List<WitnessEndpoint> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException("consent.ledger.witnesses: each entry is \"URL VERIFIER_KEY\", not: " + entry);
            }
            URI url = URI.create(parts[0].replaceAll("/+$", "") + "/add-checkpoint");
            if (!List.of("http", "https").contains(url.getScheme())) {
                throw new IllegalStateException("consent.ledger.witnesses: not an http(s) URL: " + parts[0]);
            }
            Cosignature.WitnessKey key;
            try {
                key = Cosignature.WitnessKey.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("consent.ledger.witnesses: bad verifier key " + parts[1] + ": " + e.getMessage());
            }
            if (!names.add(key.name())) {
                throw new IllegalStateException("consent.ledger.witnesses: two witnesses named " + key.name());
            }
            out.add(new WitnessEndpoint(url, key));
        }
        if (quorum < 0 || quorum > out.size()) {
            throw new IllegalStateException("consent.ledger.witness-quorum is " + quorum + " but " + out.size()
                    + " witnesses are configured");
        }
        return List.copyOf(out);
    }
}
