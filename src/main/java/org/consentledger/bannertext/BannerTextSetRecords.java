package org.consentledger.bannertext;

import static java.util.stream.Collectors.toSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.ledger.EntityRecordSource;
import org.consentledger.ledger.RecordSource;
import org.consentledger.verify.Leaves;
import org.consentledger.site.SiteRepository;

/** Banner-text sets as ledger records (source banner_text_set, record format version 1). */
@ApplicationScoped
class BannerTextSetRecords implements EntityRecordSource {

    @Inject BannerTextSetRepository sets;
    @Inject SiteRepository sites;

    @Override
    public String source() {
        return Leaves.BANNER_TEXT_SET;
    }

    @Override
    public Map<String, Map<String, Object>> readRecords(List<String> keys) {
        List<BannerTextSet> found = sets.listByIds(keys.stream().map(UUID::fromString).collect(toSet()));
        Map<UUID, String> siteKeys = sites.siteKeys(found.stream().map(s -> s.siteId).collect(toSet()));
        return RecordSource.byKey(found, set -> set.id, set -> record(set, siteKeys.get(set.siteId)));
    }

    private static Map<String, Object> record(BannerTextSet set, String siteKey) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", set.id.toString());
        record.put("siteKey", siteKey);
        record.put("language", set.language);
        record.put("version", (long) set.version);
        record.put("texts", new TreeMap<>(set.texts));
        record.put("createdAt", set.createdAt.toString());
        record.put("createdBy", set.createdBy);
        return record;
    }
}
