package org.consentledger.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.consentledger.common.SecurityEvent;
import org.consentledger.edge.ClientAddresses;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes each {@link SecurityEvent} as one JSON object on one line, under the log category
 * {@value #CATEGORY}: when, the status, the reason, the method and path, and the client's
 * truncated prefix. Never token material (the path carries none, and the query is left out) and
 * never a full address.
 */
@ApplicationScoped
public class SecurityLog {

    public static final String CATEGORY = "consent.security";
    static final int MAX_PATH = 256;
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    @Inject ObjectMapper json;
    @Inject Clock clock;

    void write(@Observes SecurityEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", clock.instant().toString());
        line.put("status", event.status());
        line.put("reason", event.reason());
        line.put("method", event.method());
        line.put("route", event.path() == null || event.path().length() <= MAX_PATH ? event.path()
                : event.path().substring(0, MAX_PATH));
        line.put("client", ClientAddresses.truncate(event.clientAddress()));
        try {
            LOG.info(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
