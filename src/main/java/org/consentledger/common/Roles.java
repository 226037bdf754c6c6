package org.consentledger.common;

/** Role names as they appear in the MP-JWT "groups" claim. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
