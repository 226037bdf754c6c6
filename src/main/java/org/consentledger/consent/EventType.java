package org.consentledger.consent;

public enum EventType {
    NOTICE_SHOWN,
    BANNER_CLOSED,
    BROWSING_CONTINUED,
    ACCEPT_ALL,
    REJECT_ALL,
    PREFERENCES_SAVED,
    WITHDRAWN,
    /** "Do Not Sell or Share My Personal Information": denies the site's sale-or-share categories. */
    OPTED_OUT;

    /** Every type but NOTICE_SHOWN says something about the visitor's consent. */
    public boolean changesConsent() {
        return this != NOTICE_SHOWN;
    }

    /** Closing the banner or browsing on: acts that are consent only where the regime says so. */
    public boolean implied() {
        return this == BANNER_CLOSED || this == BROWSING_CONTINUED;
    }
}
