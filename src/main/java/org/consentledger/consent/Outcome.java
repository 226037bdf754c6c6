package org.consentledger.consent;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an event means, as the server decides it: on what basis, which categories are granted or
 * denied, and which policy versions the visitor acknowledged. {@code optOut} says why sale or
 * sharing was denied under an opt-out regime: {@code GPC} or {@code VISITOR}; null otherwise, and
 * then left out of the JSON, so outcomes stored before it existed read and hash as before.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(Basis basis, SortedMap<String, Grant> categories, List<UUID> acknowledged, OptOut optOut) {

    /** Unmodifiable copies, so one parsed outcome can be shared between rows. */
    public Outcome {
        categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories));
        acknowledged = List.copyOf(acknowledged);
    }

    public Outcome(Basis basis, SortedMap<String, Grant> categories, List<UUID> acknowledged) {
        this(basis, categories, acknowledged, null);
    }

    /** Whether any category but the necessary one is granted. */
    public boolean grantsAnyOptional() {
        return categories.entrySet().stream().anyMatch(c -> !c.getKey().equals(org.consentledger.site.Site.NECESSARY) && c.getValue() == Grant.GRANTED);
    }

    public enum OptOut {
        /** A Global Privacy Control signal, which opt-out laws treat as an opt-out. */
        GPC,
        /** The visitor opted out: "Do Not Sell or Share", or an earlier choice that denied sale or sharing. */
        VISITOR
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
