package org.consentledger.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.ledger.RecordSource;
import org.consentledger.verify.Leaves;

/**
 * Links and unlinks as ledger records (source identity_event, record format version 1):
 * {@code {id, siteKey, visitorId, type, userHash, actor, at}}. The account appears only as its hash.
 */
@ApplicationScoped
class IdentityEventRecords implements RecordSource {

    @Inject IdentityEvents events;

    @Override
    public String source() {
        return Leaves.IDENTITY_EVENT;
    }

    @Override
    public Map<String, Map<String, Object>> records(Connection c, List<String> keys) throws SQLException {
        return RecordSource.byKey(events.byIds(c, keys.stream().map(Long::valueOf).toList()),
                IdentityEvent::identityEventId, IdentityEventRecords::record);
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
