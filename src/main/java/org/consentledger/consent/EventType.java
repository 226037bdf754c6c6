package org.consentledger.consent;

public enum EventType {
    NOTICE_SHOWN,
    BANNER_CLOSED,
    BROWSING_CONTINUED,
    ACCEPT_ALL,
    REJECT_ALL,
    PREFERENCES_SAVED,
    WITHDRAWN;

    /** Every type but NOTICE_SHOWN says something about the visitor's consent. */
    public boolean changesConsent() {
        return this != NOTICE_SHOWN;
    }
}
