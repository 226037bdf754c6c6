package org.consentledger.ledger;

import static java.util.stream.Collectors.toSet;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.bannertext.BannerTextSet;
import org.consentledger.bannertext.BannerTextSetRepository;
import org.consentledger.policy.PolicyTranslation;
import org.consentledger.policy.PolicyTranslationRepository;
import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyVersionRepository;
import org.consentledger.site.SiteRepository;

/**
 * The ledger records of policy translations and banner-text sets (record format version 1), read
 * through their owners. A translation's record repeats its version's kind and label, so the
 * verifier can recompute its sha256 from the record alone.
 */
@ApplicationScoped
class LanguageRecords {

    private final PolicyTranslationRepository translations;
    private final PolicyVersionRepository policyVersions;
    private final BannerTextSetRepository bannerTexts;
    private final SiteRepository sites;

    LanguageRecords(PolicyTranslationRepository translations, PolicyVersionRepository policyVersions,
            BannerTextSetRepository bannerTexts, SiteRepository sites) {
        this.translations = translations;
        this.policyVersions = policyVersions;
        this.bannerTexts = bannerTexts;
        this.sites = sites;
    }

    Map<String, Map<String, Object>> translations(List<String> keys) {
        List<PolicyTranslation> found = translations.listByIds(keys.stream().map(UUID::fromString).collect(toSet()));
        Map<UUID, PolicyVersion> versions = new HashMap<>();
        policyVersions.listByIds(found.stream().map(t -> t.policyVersionId).collect(toSet()))
                .forEach(v -> versions.put(v.id, v));
        Map<UUID, String> siteKeys = siteKeys(versions.values().stream().map(v -> v.siteId).collect(toSet()));
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (PolicyTranslation t : found) {
            PolicyVersion v = versions.get(t.policyVersionId);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", t.id.toString());
            record.put("policyVersionId", v.id.toString());
            record.put("siteKey", siteKeys.get(v.siteId));
            record.put("kind", v.kind.name());
            record.put("version", v.version);
            record.put("language", t.language);
            record.put("title", t.title);
            record.put("url", t.url);
            record.put("content", t.content);
            record.put("eeaAddendum", t.eeaAddendum);
            record.put("publishedAt", t.publishedAt.toString());
            record.put("publishedBy", t.publishedBy);
            record.put("sha256", t.sha256);
            out.put(t.id.toString(), record);
        }
        return out;
    }

    Map<String, Map<String, Object>> bannerTextSets(List<String> keys) {
        List<BannerTextSet> found = bannerTexts.listByIds(keys.stream().map(UUID::fromString).collect(toSet()));
        Map<UUID, String> siteKeys = siteKeys(found.stream().map(s -> s.siteId).collect(toSet()));
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (BannerTextSet set : found) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", set.id.toString());
            record.put("siteKey", siteKeys.get(set.siteId));
            record.put("language", set.language);
            record.put("version", (long) set.version);
            record.put("texts", new TreeMap<>(set.texts));
            record.put("createdAt", set.createdAt.toString());
            record.put("createdBy", set.createdBy);
            out.put(set.id.toString(), record);
        }
        return out;
    }

    private Map<UUID, String> siteKeys(java.util.Set<UUID> siteIds) {
        Map<UUID, String> siteKeys = new HashMap<>();
        sites.listByIds(siteIds).forEach(site -> siteKeys.put(site.id, site.siteKey));
        return siteKeys;
    }
}
