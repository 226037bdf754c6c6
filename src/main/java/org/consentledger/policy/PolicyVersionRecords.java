package org.consentledger.policy;

import static java.util.stream.Collectors.toSet;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.ledger.EntityRecordSource;
import org.consentledger.verify.Leaves;
import org.consentledger.site.SiteRepository;

/** Published policy versions as ledger records (source policy_version, record format version 1). */
@ApplicationScoped
class PolicyVersionRecords implements EntityRecordSource {

    private final PolicyVersionRepository versions;
    private final SiteRepository sites;

    PolicyVersionRecords(PolicyVersionRepository versions, SiteRepository sites) {
        this.versions = versions;
        this.sites = sites;
    }

    @Override
    public String source() {
        return Leaves.POLICY_VERSION;
    }

    @Override
    public Map<String, Map<String, Object>> readRecords(List<String> keys) {
        List<PolicyVersion> found = versions.listByIds(keys.stream().map(UUID::fromString).collect(toSet()));
        Map<UUID, String> siteKeys = sites.siteKeys(found.stream().map(v -> v.siteId).collect(toSet()));
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (PolicyVersion v : found) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", v.id.toString());
            record.put("siteKey", siteKeys.get(v.siteId));
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
            out.put(v.id.toString(), record);
        }
        return out;
    }
}
