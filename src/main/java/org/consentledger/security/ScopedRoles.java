package org.consentledger.security;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives a caller whose groups grant a role on some sites only ({@code auditor:news-*}) the marker
 * role {@code auditor-scoped}, so {@code @RolesAllowed} lets it reach the endpoints that check the
 * site. A marker that comes in the token itself is dropped: only a well-formed grant earns one.
 */
@ApplicationScoped
public class ScopedRoles implements SecurityIdentityAugmentor {

    private static final Map<String, String> MARKERS = Map.of(
            Roles.ADMIN, Roles.ADMIN_SCOPED,
            Roles.AUDITOR, Roles.AUDITOR_SCOPED,
            Roles.SERVICE, Roles.SERVICE_SCOPED);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = new HashSet<>(identity.getRoles());
        roles.removeAll(MARKERS.values());
        MARKERS.forEach((role, marker) -> {
            if (SiteGrants.of(role, identity.getRoles()).scoped()) {
                roles.add(marker);
            }
        });
        if (roles.equals(identity.getRoles())) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addPermissionChecker(identity::checkPermission)
                .addRoles(roles)
                .build());
    }
}
