package org.consentledger.identity;

/** What an identity event did to a visitor id's link. */
public enum IdentityEventType {
    LINKED,
    UNLINKED
}
