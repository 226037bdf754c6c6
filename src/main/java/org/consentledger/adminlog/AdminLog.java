package org.consentledger.adminlog;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Records admin changes inside the caller's transaction, so a change and its log entry commit together. */
@ApplicationScoped
public class AdminLog {

    private static final TypeReference<Map<String, Object>> AS_MAP = new TypeReference<>() {
    };

    @Inject AdminLogRepository entries;
    @Inject ObjectMapper json;
    @Inject Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String targetType, String target, Object before, Object after) {
        AdminLogEntry entry = new AdminLogEntry();
        entry.at = Instant.now(clock);
        entry.actor = actor;
        entry.action = action;
        entry.targetType = targetType;
        entry.target = target;
        entry.before = before == null ? null : json.convertValue(before, AS_MAP);
        entry.after = after == null ? null : json.convertValue(after, AS_MAP);
        entries.persist(entry);
    }
}
