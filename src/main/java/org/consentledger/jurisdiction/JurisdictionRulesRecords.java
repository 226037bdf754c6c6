package org.consentledger.jurisdiction;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.ledger.RecordSource;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;

/**
 * Versions of the jurisdiction rules as ledger records (source jurisdiction_rules, record format
 * version 1): the document exactly as stored, read back as the verifier types JSON.
 */
@ApplicationScoped
class JurisdictionRulesRecords implements RecordSource {

    @Inject JurisdictionRulesStore store;

    @Override
    public String source() {
        return Leaves.JURISDICTION_RULES;
    }

    @Override
    public Map<String, Map<String, Object>> records(Connection c, List<String> keys) throws SQLException {
        return RecordSource.byKey(store.byVersions(c, keys.stream().map(Integer::valueOf).toList()).values(),
                JurisdictionRulesStore.Row::version, JurisdictionRulesRecords::record);
    }

    private static Map<String, Object> record(JurisdictionRulesStore.Row row) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("version", (long) row.version());
        record.put("rules", Json.parse(row.rules()));
        record.put("publishedAt", row.publishedAt().toString());
        record.put("publishedBy", row.publishedBy());
        return record;
    }
}
