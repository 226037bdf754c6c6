package org.consentledger.bannertext;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.consentledger.adminlog.AdminLog;
import org.consentledger.common.ApiException;
import org.consentledger.common.LanguageTags;
import org.consentledger.site.Site;
import org.consentledger.site.SiteChanged;
import org.consentledger.site.SiteRepository;

/** Publishes a site's banner-text sets. A set is never changed: a new version replaces it for its language. */
@ApplicationScoped
public class BannerTextService {

    static final int MAX_TEXT_LENGTH = 1000;

    @Inject SiteRepository sites;
    @Inject BannerTextSetRepository sets;
    @Inject AdminLog adminLog;
    @Inject Event<SiteChanged> siteChanged;
    @Inject Clock clock;

    @Transactional
    public BannerTextSetResponse publish(String siteKey, BannerTextRequest request, String actor) {
        String language = LanguageTags.require("language", request.language());
        request.texts().forEach(BannerTextService::check);
        // Locking the site's row numbers concurrent sets of one language one after the other.
        Site site = sites.findById(sites.require(siteKey).id, LockModeType.PESSIMISTIC_WRITE);
        BannerTextSet set = new BannerTextSet();
        set.id = UUID.randomUUID();
        set.siteId = site.id;
        set.language = language;
        set.version = sets.nextVersion(site.id, language);
        set.texts = Map.copyOf(request.texts());
        set.createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        set.createdBy = actor;
        sets.persist(set);
        BannerTextSetResponse published = BannerTextSetResponse.from(set, siteKey);
        adminLog.record(actor, "BANNER_TEXTS_PUBLISHED", "BANNER_TEXT_SET", set.id.toString(), null, published);
        siteChanged.fire(new SiteChanged(site.id));
        return published;
    }

    public List<BannerTextSetResponse> list(String siteKey, String language) {
        Site site = sites.require(siteKey);
        String only = language == null || language.isBlank() ? null : LanguageTags.require("language", language);
        return sets.newestFirst(site.id, only).stream().map(set -> BannerTextSetResponse.from(set, siteKey)).toList();
    }

    private static void check(String key, String text) {
        String field = "texts." + key;
        if (!BuiltInTexts.KEYS.contains(key)) {
            throw ApiException.invalid(field, "unknown key; the keys are " + String.join(", ", BuiltInTexts.KEYS));
        }
        if (text == null || text.isBlank()) {
            throw ApiException.invalid(field, "must not be blank");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw ApiException.invalid(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
    }
}
