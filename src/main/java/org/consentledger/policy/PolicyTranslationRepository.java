package org.consentledger.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** The one owner of the policy_translation table. Translations are only ever added. */
@ApplicationScoped
public class PolicyTranslationRepository implements PanacheRepositoryBase<PolicyTranslation, UUID> {

    /** The translations of these versions, by version, each list in the order they were added. */
    public Map<UUID, List<PolicyTranslation>> ofVersions(Collection<UUID> versionIds) {
        if (versionIds.isEmpty()) {
            return Map.of();
        }
        return list("policyVersionId in ?1", Sort.ascending("publishedAt", "language"), versionIds).stream()
                .collect(Collectors.groupingBy(t -> t.policyVersionId));
    }

    public boolean exists(UUID versionId, String language) {
        return count("policyVersionId = ?1 and language = ?2", versionId, language) > 0;
    }

    public List<PolicyTranslation> listByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }
}
