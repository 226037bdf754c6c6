package org.consentledger.jurisdiction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.consentledger.common.ApiException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The rules versions, cached. The current one is re-read after {@link #MAX_AGE}, so a version
 * published on another replica takes effect here within seconds; one published here takes effect
 * once committed. Published versions never change, so each is read once.
 */
@Singleton
public class CurrentRules {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Cached(RulesVersion rules, Instant loadedAt, Instant validUntil) {
    }

    @Inject JurisdictionRulesStore store;
    @Inject ObjectMapper json;
    @Inject Clock clock;
    private final Map<Integer, RulesVersion> versions = new ConcurrentHashMap<>();
    private volatile Cached current;

    /** The current version when it is held in memory and still valid: {@link #current} without the database. */
    public Optional<RulesVersion> held() {
        Cached cached = current;
        return isValid(cached, Instant.now(clock)) ? Optional.of(cached.rules()) : Optional.empty();
    }

    private static boolean isValid(Cached cached, Instant now) {
        return cached != null && now.isBefore(cached.validUntil()) && !now.isBefore(cached.loadedAt());
    }

    public RulesVersion current() {
        Cached cached = current;
        Instant now = Instant.now(clock);
        if (!isValid(cached, now)) {
            RulesVersion latest = store.latest().map(this::parse)
                    .orElseThrow(() -> new IllegalStateException("No jurisdiction rules are published"));
            cached = new Cached(latest, now, now.plus(MAX_AGE));
            current = cached;
        }
        return cached.rules();
    }

    /** A published version; 404 naming it when there is none. */
    public RulesVersion version(int version) {
        RulesVersion found = versions.get(version);
        if (found == null) {
            found = store.version(version).map(this::parse)
                    .orElseThrow(() -> ApiException.notFound("No jurisdiction rules version " + version));
            versions.put(version, found);
        }
        return found;
    }

    void onPublished(@Observes(during = TransactionPhase.AFTER_SUCCESS) RulesPublished published) {
        current = null;
    }

    private RulesVersion parse(JurisdictionRulesStore.Row row) {
        try {
            return new RulesVersion(row.version(), json.readValue(row.rules(), RulesDocument.class), row.publishedAt(),
                    row.publishedBy());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored jurisdiction rules version " + row.version() + " is unreadable", e);
        }
    }
}
