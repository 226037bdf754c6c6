package org.consentledger.jurisdiction;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.consentledger.adminlog.AdminLog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Publishes rules versions: checked, appended, logged, and taken by the cache once committed. */
@ApplicationScoped
public class JurisdictionRulesService {

    @Inject JurisdictionRulesStore store;
    @Inject CurrentRules rules;
    @Inject AdminLog adminLog;
    @Inject Event<RulesPublished> published;
    @Inject ObjectMapper json;
    @Inject Clock clock;

    public RulesVersion current() {
        return rules.current();
    }

    public RulesVersion version(int version) {
        return rules.version(version);
    }

    @Transactional
    public RulesVersion publish(RulesDocument document, String actor) {
        RulesCheck.check(document);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        int version = store.insert(asJson(document), now, actor);
        RulesVersion created = new RulesVersion(version, document, now, actor);
        adminLog.record(actor, "JURISDICTION_RULES_PUBLISHED", "JURISDICTION_RULES", String.valueOf(version), null,
                created);
        published.fire(new RulesPublished(version));
        return created;
    }

    private String asJson(RulesDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
