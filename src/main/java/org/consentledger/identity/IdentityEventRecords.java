package org.consentledger.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.ledger.RecordSource;
import org.consentledger.verify.Leaves;

/**
 * Links and unlinks as ledger records (source identity_event, record format version 1):
 * {@code {id, siteKey, visitorId, type, userHash, actor, at}}. The account appears only as its hash.
 */
@ApplicationScoped
class IdentityEventRecords implements RecordSource {

    private final IdentityEvents events;

    IdentityEventRecords(IdentityEvents events) {
        this.events = events;
    }

    @Override
    public String source() {
        return Leaves.IDENTITY_EVENT;
    }

    @Override
    public Map<String, Map<String, Object>> records(Connection c, List<String> keys) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (IdentityEvent e : events.byIds(c, keys.stream().map(Long::valueOf).toList())) {
            out.put(String.valueOf(e.identityEventId()), record(e));
        }
        return out;
    }

    private static Map<String, Object> record(IdentityEvent e) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", e.identityEventId());
        record.put("siteKey", e.siteKey());
        record.put("visitorId", e.visitorId().toString());
        record.put("type", e.type().name());
        record.put("userHash", e.userHash());
        record.put("actor", e.actor());
        record.put("at", e.at().toString());
        return record;
    }
}
