package org.consentledger.bannertext;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

public record BannerTextSetResponse(UUID id, String siteKey, String language, int version, Map<String, String> texts,
        Instant createdAt, String createdBy) {

    static BannerTextSetResponse from(BannerTextSet set, String siteKey) {
        return new BannerTextSetResponse(set.id, siteKey, set.language, set.version, new TreeMap<>(set.texts),
                set.createdAt, set.createdBy);
    }
}
