package org.consentledger.policy;

import static java.util.stream.Collectors.toSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.ledger.EntityRecordSource;
import org.consentledger.ledger.RecordSource;
import org.consentledger.verify.Leaves;
import org.consentledger.site.SiteRepository;

/** Published policy versions as ledger records (source policy_version, record format version 1). */
@ApplicationScoped
class PolicyVersionRecords implements EntityRecordSource {

    @Inject PolicyVersionRepository versions;
    @Inject SiteRepository sites;

    @Override
    public String source() {
        return Leaves.POLICY_VERSION;
    }

    @Override
    public Map<String, Map<String, Object>> readRecords(List<String> keys) {
        List<PolicyVersion> found = versions.listByIds(keys.stream().map(UUID::fromString).collect(toSet()));
        Map<UUID, String> siteKeys = sites.siteKeys(found.stream().map(v -> v.siteId).collect(toSet()));
        return RecordSource.byKey(found, v -> v.id, v -> record(v, siteKeys.get(v.siteId)));
    }

    private static Map<String, Object> record(PolicyVersion v, String siteKey) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", v.id.toString());
        record.put("siteKey", siteKey);
        record.put("kind", v.kind.name());
        record.put("version", v.version);
        record.put("title", v.title);
        record.put("url", v.url);
        record.put("content", v.content);
        record.put("eeaAddendum", v.eeaAddendum);
        record.put("material", v.material);
        record.put("changeSummary", v.changeSummary);
        record.put("effectiveAt", v.effectiveAt.toString());
        record.put("publishedAt", v.publishedAt.toString());
        record.put("publishedBy", v.publishedBy);
        record.put("sha256", v.sha256);
        if (v.language != null) {
            record.put("language", v.language); // absent on older rows, which were hashed without it
        }
        return record;
    }
}
