package org.consentledger.adminlog;

import static java.util.stream.Collectors.toSet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.ledger.EntityRecordSource;
import org.consentledger.ledger.RecordSource;
import org.consentledger.verify.Leaves;

/** Admin log entries as ledger records (source admin_log, record format version 1). */
@ApplicationScoped
class AdminLogRecords implements EntityRecordSource {

    @Inject AdminLogRepository entries;

    @Override
    public String source() {
        return Leaves.ADMIN_LOG;
    }

    @Override
    public Map<String, Map<String, Object>> readRecords(List<String> keys) {
        return RecordSource.byKey(entries.listByIds(keys.stream().map(Long::valueOf).collect(toSet())),
                e -> e.id, AdminLogRecords::record);
    }

    private static Map<String, Object> record(AdminLogEntry e) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", e.id);
        record.put("at", e.at.toString());
        record.put("actor", e.actor);
        record.put("action", e.action);
        record.put("targetType", e.targetType);
        record.put("target", e.target);
        record.put("before", jsonValue(e.before));
        record.put("after", jsonValue(e.after));
        return record;
    }

    /**
     * JSON as the verifier's reader types it: integers as Long (BigInteger when larger), other
     * numbers as BigDecimal. Hibernate's reader gives Integer and Double, and canonical JSON
     * refuses a Double even where its value is integral (1.0 is hashed as 1). Only a decimal
     * beyond double precision could still differ; admin log JSON holds none.
     */
    private static Object jsonValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, item) -> out.put((String) key, jsonValue(item)));
            return out;
        } else if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(jsonValue(item)));
            return out;
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        return value;
    }
}
