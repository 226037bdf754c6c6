package org.consentledger.notice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.consentledger.common.Hashing;
import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyVersionRepository;
import org.consentledger.policy.VersionFacts;
import org.consentledger.site.Site;
import org.consentledger.site.SiteChanged;
import org.consentledger.site.SiteRepository;
import org.consentledger.site.SiteResponse;

/**
 * Caches each site's settings and current notice for the banner's hot path. A local change drops
 * the entry once committed; entries also expire after {@link #MAX_AGE}, so replicas that did not
 * see the change catch up quickly.
 */
@ApplicationScoped
public class SiteNotices {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final Map<String, SiteNotice> bySiteKey = new ConcurrentHashMap<>();
    private final SiteRepository sites;
    private final PolicyVersionRepository policyVersions;
    private final Clock clock;

    SiteNotices(SiteRepository sites, PolicyVersionRepository policyVersions, Clock clock) {
        this.clock = clock;
        this.sites = sites;
        this.policyVersions = policyVersions;
    }

    /** The site's notice as of now; 404 for an unknown site. Blocking: reads the database on a miss. */
    public SiteNotice forSite(String siteKey) {
        SiteNotice cached = bySiteKey.get(siteKey);
        Instant now = Instant.now(clock);
        if (cached != null && now.isBefore(cached.validUntil())) {
            return cached;
        }
        SiteNotice loaded = load(siteKey, now);
        bySiteKey.put(siteKey, loaded);
        return loaded;
    }

    /** Only what is cached; never blocks. */
    public Optional<SiteNotice> peek(String siteKey) {
        return Optional.ofNullable(bySiteKey.get(siteKey));
    }

    void onSiteChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SiteChanged change) {
        bySiteKey.values().removeIf(notice -> notice.siteId().equals(change.siteId()));
    }

    private SiteNotice load(String siteKey, Instant now) {
        Site site = sites.require(siteKey);
        List<PolicyVersion> versions = policyVersions.allOf(site.id);
        List<NoticeDocument> documents = PolicyVersionRepository.current(versions, now).values().stream()
                .map(NoticeDocument::from)
                .toList();
        Instant validUntil = versions.stream()
                .map(v -> v.effectiveAt)
                .filter(effectiveAt -> effectiveAt.isAfter(now))
                .min(Comparator.naturalOrder())
                .filter(next -> next.isBefore(now.plus(MAX_AGE)))
                .orElse(now.plus(MAX_AGE));
        return new SiteNotice(site.id, site.siteKey, List.copyOf(site.origins), List.copyOf(site.categories),
                List.copyOf(site.impliedConsentCategories), List.copyOf(site.saleOrShareCategories),
                Map.copyOf(site.regimeOverrides), SiteResponse.categoryViews(site), documents,
                versions.stream().map(VersionFacts::of).toList(), noticeId(documents, site.categories), validUntil);
    }

    /** Changes whenever a current version or the set of categories changes. */
    static String noticeId(List<NoticeDocument> documents, List<String> categories) {
        StringBuilder basis = new StringBuilder();
        documents.forEach(d -> basis.append(d.id()).append(':').append(d.sha256()).append('\n'));
        basis.append(String.join(",", categories));
        return Hashing.sha256Hex(basis.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
