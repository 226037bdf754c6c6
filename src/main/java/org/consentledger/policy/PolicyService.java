package org.consentledger.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.consentledger.adminlog.AdminLog;
import org.consentledger.common.ApiException;
import org.consentledger.site.Site;
import org.consentledger.site.SiteChanged;
import org.consentledger.site.SiteService;

import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class PolicyService {

    /** How far in the past an effectiveAt may lie, to allow for clock skew; older would back-date a policy. */
    static final Duration BACKDATING_TOLERANCE = Duration.ofMinutes(5);

    private final AdminLog adminLog;
    private final Event<SiteChanged> siteChanged;

    PolicyService(AdminLog adminLog, Event<SiteChanged> siteChanged) {
        this.adminLog = adminLog;
        this.siteChanged = siteChanged;
    }

    @Transactional
    public PolicyVersionResponse publish(String siteKey, PolicyVersionRequest request, String actor) {
        Site site = SiteService.require(siteKey);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant effectiveAt = request.effectiveAt() == null ? now : request.effectiveAt().truncatedTo(ChronoUnit.MICROS);
        if (effectiveAt.isBefore(now.minus(BACKDATING_TOLERANCE))) {
            throw ApiException.invalid("effectiveAt", "must not be in the past: a published version cannot be back-dated");
        }
        String version = request.version().trim();
        if (PolicyVersion.count("siteId = ?1 and kind = ?2 and version = ?3", site.id, request.kind(), version) > 0) {
            throw ApiException.conflict("This site already has a " + request.kind() + " with this version label");
        }
        PolicyVersion v = new PolicyVersion();
        v.id = UUID.randomUUID();
        v.siteId = site.id;
        v.kind = request.kind();
        v.version = version;
        v.title = request.title().trim();
        v.url = request.url();
        v.content = request.content();
        v.eeaAddendum = request.eeaAddendum();
        v.material = request.material() == null || request.material();
        v.changeSummary = request.changeSummary();
        v.effectiveAt = effectiveAt;
        v.publishedAt = now;
        v.publishedBy = actor;
        v.sha256 = PolicyHash.of(v);
        v.persist();
        PolicyVersionResponse published = PolicyVersionResponse.from(v, siteKey);
        adminLog.record(actor, "POLICY_VERSION_PUBLISHED", "POLICY_VERSION", v.id.toString(), null, summary(published));
        siteChanged.fire(new SiteChanged(site.id));
        return published;
    }

    public List<PolicyVersionResponse> list(String siteKey, PolicyKind kind) {
        Site site = SiteService.require(siteKey);
        Sort newestFirst = Sort.descending("publishedAt");
        List<PolicyVersion> versions = kind == null
                ? PolicyVersion.list("siteId", newestFirst, site.id)
                : PolicyVersion.list("siteId = ?1 and kind = ?2", newestFirst, site.id, kind);
        return versions.stream().map(v -> PolicyVersionResponse.from(v, siteKey)).toList();
    }

    public PolicyVersionResponse get(String siteKey, UUID id) {
        Site site = SiteService.require(siteKey);
        PolicyVersion v = PolicyVersion.<PolicyVersion>findByIdOptional(id)
                .filter(found -> found.siteId.equals(site.id))
                .orElseThrow(() -> ApiException.notFound("No policy version with this id on this site"));
        return PolicyVersionResponse.from(v, siteKey);
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

    public static List<PolicyVersion> allOf(UUID siteId) {
        return PolicyVersion.list("siteId", siteId);
    }

    /** The admin log keeps the fingerprint, not a second copy of the full text. */
    private static Map<String, Object> summary(PolicyVersionResponse v) {
        return Map.of("id", v.id(), "siteKey", v.siteKey(), "kind", v.kind(), "version", v.version(),
                "material", v.material(), "effectiveAt", v.effectiveAt().toString(), "sha256", v.sha256());
    }
}
