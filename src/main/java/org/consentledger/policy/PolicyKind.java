package org.consentledger.policy;

public enum PolicyKind {
    PRIVACY_POLICY,
    TERMS_OF_USE,
    COOKIE_POLICY
}
