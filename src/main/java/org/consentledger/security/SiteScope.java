package org.consentledger.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.consentledger.common.ApiException;
import org.consentledger.common.SecurityEvent;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place that decides which sites the caller may see, from its roles (the token's groups,
 * after any role mapping, so it agrees with {@code @RolesAllowed}). A site outside the scope is
 * answered exactly as a site that does not exist, so a scoped caller cannot probe for site keys.
 */
@RequestScoped
public class SiteScope {

    @Inject SecurityIdentity identity;
    @Inject RoutingContext routing;
    @Inject Event<SecurityEvent> security;

    /** The caller's grants of {@code role}, for listings that filter in their query. */
    public SiteGrants grants(String role) {
        return SiteGrants.of(role, identity.getRoles());
    }

    public boolean allows(String role, String siteKey) {
        return grants(role).allows(siteKey);
    }

    /**
     * 404, word for word an unknown site's, unless the caller holds {@code role} on this site. The
     * security log still sees it for what it is: a probe outside the caller's scope.
     */
    public void requireSite(String role, String siteKey) {
        if (!allows(role, siteKey)) {
            security.fire(SecurityEvent.of(404, "outside-scope", routing.request()));
            throw ApiException.unknownSite();
        }
    }
}
