package org.consentledger.security;

/**
 * Role names. {@code admin}, {@code auditor} and {@code service} come as they are from the MP-JWT
 * "groups" claim and cover every site. {@code service} is a site's own backend: it reads decisions
 * and nothing an admin or auditor reads. The scoped markers are never taken from a token: {@link ScopedRoles} adds
 * them to a caller whose groups grant the role on some sites ({@code auditor:news-a}), so that a
 * resource open to those callers says so in its {@code @RolesAllowed} and checks the site with
 * {@link SiteScope}.
 */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String AUDITOR = "auditor";
    public static final String SERVICE = "service";
    public static final String ADMIN_SCOPED = "admin-scoped";
    public static final String AUDITOR_SCOPED = "auditor-scoped";
    public static final String SERVICE_SCOPED = "service-scoped";

    private Roles() {
    }
}
