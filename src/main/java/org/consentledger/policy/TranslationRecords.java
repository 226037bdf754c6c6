package org.consentledger.policy;

import static java.util.stream.Collectors.toSet;

import java.util.HashMap;
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

/**
 * Policy translations as ledger records (source policy_translation, record format version 1). A
 * translation's record repeats its version's kind and label, so the verifier can recompute its
 * sha256 from the record alone.
 */
@ApplicationScoped
class TranslationRecords implements EntityRecordSource {

    @Inject PolicyTranslationRepository translations;
    @Inject PolicyVersionRepository versions;
    @Inject SiteRepository sites;

    @Override
    public String source() {
        return Leaves.POLICY_TRANSLATION;
    }

    @Override
    public Map<String, Map<String, Object>> readRecords(List<String> keys) {
        List<PolicyTranslation> found = translations.listByIds(keys.stream().map(UUID::fromString).collect(toSet()));
        Map<UUID, PolicyVersion> versionsById = new HashMap<>();
        versions.listByIds(found.stream().map(t -> t.policyVersionId).collect(toSet()))
                .forEach(v -> versionsById.put(v.id, v));
        Map<UUID, String> siteKeys = sites.siteKeys(versionsById.values().stream().map(v -> v.siteId).collect(toSet()));
        return RecordSource.byKey(found, t -> t.id,
                t -> record(t, versionsById.get(t.policyVersionId), siteKeys));
    }

    private static Map<String, Object> record(PolicyTranslation t, PolicyVersion v, Map<UUID, String> siteKeys) {
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
        return record;
    }
}
