package org.consentledger.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.common.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** The one owner of the policy_version table. Versions are only ever added, never changed. */
@ApplicationScoped
public class PolicyVersionRepository implements PanacheRepositoryBase<PolicyVersion, UUID> {

    /** Every version the site ever published: current, superseded and scheduled. */
    public List<PolicyVersion> allOf(UUID siteId) {
        return list("siteId", siteId);
    }

    /** The site's versions, newest first, of one kind or (kind null) of all kinds. */
    public List<PolicyVersion> newestFirst(UUID siteId, PolicyKind kind) {
        Sort newestFirst = Sort.descending("publishedAt");
        return kind == null ? list("siteId", newestFirst, siteId)
                : list("siteId = ?1 and kind = ?2", newestFirst, siteId, kind);
    }

    /** The version with this id on this site, or 404. */
    public PolicyVersion requireOn(UUID siteId, UUID id) {
        return findByIdOptional(id)
                .filter(found -> found.siteId.equals(siteId))
                .orElseThrow(() -> ApiException.notFound("No policy version with this id on this site"));
    }

    public boolean labelTaken(UUID siteId, PolicyKind kind, String version) {
        return count("siteId = ?1 and kind = ?2 and version = ?3", siteId, kind, version) > 0;
    }

    public List<PolicyVersion> listByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    /** The current version of each kind: the latest published whose effectiveAt is not in the future. */
    public static Map<PolicyKind, PolicyVersion> current(List<PolicyVersion> versions, Instant now) {
        Map<PolicyKind, PolicyVersion> current = new EnumMap<>(PolicyKind.class);
        for (PolicyVersion v : versions) {
            if (v.effectiveAt.isAfter(now)) {
                continue;
            }
            PolicyVersion seen = current.get(v.kind);
            if (seen == null || v.publishedAt.isAfter(seen.publishedAt)) {
                current.put(v.kind, v);
            }
        }
        return current;
    }
}
