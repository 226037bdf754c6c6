package org.consentledger.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.consentledger.banner.BannerScript;
import org.consentledger.bannertext.BannerTextSetRepository;
import org.consentledger.jurisdiction.RegimeChoice;
import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyTranslationRepository;
import org.consentledger.policy.PolicyVersionRepository;
import org.consentledger.policy.VersionFacts;
import org.consentledger.site.Site;
import org.consentledger.site.SiteChanged;
import org.consentledger.site.SiteRepository;
import org.consentledger.site.SiteResponse;
import org.consentledger.verify.NoticeRenderings;

/**
 * Caches each site's settings and current notice for the banner's hot path. A local change drops
 * the entry once committed; entries also expire after {@link #MAX_AGE}, so replicas that did not
 * see the change catch up quickly.
 */
@Singleton
public class SiteNotices {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final Map<String, SiteNotice> bySiteKey = new ConcurrentHashMap<>();
    @Inject SiteRepository sites;
    @Inject PolicyVersionRepository policyVersions;
    @Inject PolicyTranslationRepository translations;
    @Inject BannerTextSetRepository bannerTexts;
    @Inject Clock clock;
    @Inject RenderedNotices renderings;
    @Inject BannerScript script;

    /** The site's notice as of now; 404 for an unknown site. Blocking: reads the database on a miss. */
    public SiteNotice forSite(String siteKey) {
        return held(siteKey).orElseGet(() -> {
            SiteNotice loaded = load(siteKey, Instant.now(clock));
            bySiteKey.put(siteKey, loaded);
            return loaded;
        });
    }

    /** The site's notice when it is held in memory and still valid: {@link #forSite} without the database. */
    public Optional<SiteNotice> held(String siteKey) {
        SiteNotice cached = bySiteKey.get(siteKey);
        return cached != null && Instant.now(clock).isBefore(cached.validUntil()) ? Optional.of(cached) : Optional.empty();
    }

    /**
     * The notice this visitor is shown, with its noticeId. Its rendering is stored the first time
     * this replica serves it, before the banner can name it in an event.
     */
    public Notice forVisitor(SiteNotice site, RegimeChoice choice, List<String> languagePreferences) {
        Notice notice = Notice.of(site, choice, languagePreferences);
        Map<String, Object> rendering = NoticeRendering.of(notice, script.sha256());
        return notice.withNoticeId(site.noticeId(rendering, r -> renderings.keep(site.siteId(), rendering)));
    }

    /**
     * The notice {@link #forVisitor} gives, when its rendering's noticeId is held in memory: nothing
     * is read or written. Empty the first time this snapshot of the site renders it so.
     */
    public Optional<Notice> heldForVisitor(SiteNotice site, RegimeChoice choice, List<String> languagePreferences) {
        Notice notice = Notice.of(site, choice, languagePreferences);
        String id = site.noticeIds().get(NoticeRendering.of(notice, script.sha256()));
        return Optional.ofNullable(id).map(notice::withNoticeId);
    }

    /**
     * Runs {@code work} in a request context, which the entity reads of {@link #forSite} need, for
     * a caller on a worker thread outside the REST layer ({@link NoticeRoute}).
     */
    @ActivateRequestContext
    public <T> T inRequestContext(Supplier<T> work) {
        return work.get();
    }

    /**
     * The notice as {@link #forVisitor} would give it, with the noticeId its rendering would have,
     * but stored nowhere: a preview is never shown to a visitor, so it is no proof of display.
     */
    public Notice preview(SiteNotice site, RegimeChoice choice, List<String> languagePreferences) {
        Notice notice = Notice.of(site, choice, languagePreferences);
        return notice.withNoticeId(NoticeRenderings.noticeId(NoticeRendering.of(notice, script.sha256())));
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
                .map(v -> NoticeDocument.from(v, site.defaultLanguage))
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
                versions.stream().map(VersionFacts::of).toList(), validUntil, languages(site, documents),
                new ConcurrentHashMap<>(), site.retentionMonths, SiteResponse.signals(site), site.ukAnalyticsExemption);
    }

    private NoticeLanguages languages(Site site, List<NoticeDocument> documents) {
        Map<UUID, NoticeDocument> byId = new HashMap<>();
        documents.forEach(d -> byId.put(d.id(), d));
        Map<UUID, List<NoticeDocument>> translated = new HashMap<>();
        translations.ofVersions(byId.keySet()).forEach((id, list) -> translated.put(id,
                list.stream().map(t -> byId.get(id).translatedAs(t)).toList()));
        return new NoticeLanguages(site.defaultLanguage, Map.copyOf(translated), bannerTexts.latestByLanguage(site.id));
    }
}
