package org.consentledger.audit;

import java.util.List;
import java.util.UUID;

import org.consentledger.identity.IdentityEvent;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Everything a person did on a site (GDPR Art. 15), by the hash of their account id: the events of
 * every visitor id ever linked to the account, and the link and unlink events, merged oldest first.
 * An entry of {@code kind} CONSENT reads as in a visitor's history, one of kind IDENTITY as an
 * identity event.
 */
public record UserHistory(String siteKey, String userHash, List<UUID> visitorIds, List<Entry> events) {

    public enum Kind {
        CONSENT,
        IDENTITY
    }

    public record Entry(Kind kind, @JsonUnwrapped VisitorHistory.Entry consent, @JsonUnwrapped IdentityEvent identity) {

        static Entry of(VisitorHistory.Entry consent) {
            return new Entry(Kind.CONSENT, consent, null);
        }

        static Entry of(IdentityEvent identity) {
            return new Entry(Kind.IDENTITY, null, identity);
        }
    }
}
