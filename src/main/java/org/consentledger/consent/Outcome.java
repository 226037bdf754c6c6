package org.consentledger.consent;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What an event means, as the server decides it: on what basis, which categories are granted or
 * denied, and which policy versions the visitor acknowledged.
 */
public record Outcome(Basis basis, SortedMap<String, Grant> categories, List<UUID> acknowledged) {

    /** Unmodifiable copies, so one parsed outcome can be shared between rows. */
    public Outcome {
        categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories));
        acknowledged = List.copyOf(acknowledged);
    }

    public enum Basis {
        /** An affirmative choice: accept, reject, preferences, withdrawal. */
        EXPLICIT,
        /** Closing the banner or browsing on: consent only where the law accepts it. */
        IMPLIED,
        /** The notice was shown; nothing changed. */
        NONE
    }

    public enum Grant {
        GRANTED,
        DENIED
    }
}
