package org.consentledger.consent;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.consentledger.jurisdiction.Jurisdiction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The ingestion's meters, named once here. Every tag takes its values from a closed set (event
 * types, problem types, status codes, true or false) or from the site's declared category keys, so
 * no client can create new time series.
 * <ul>
 * <li>{@code consent_events_accepted_total{type, eea, jurisdiction_source, regime, replay}}: events answered 201 (or 200
 * for a replay), single or in a batch;</li>
 * <li>{@code consent_events_refused_total{type, status, reason}}: events answered 4xx or 5xx, where
 * {@code reason} is the problem's {@code type} and {@code type} is {@code unknown} when the body could
 * not be read as an event;</li>
 * <li>{@code consent_outcome_categories_total{category, grant}}: granted or denied, per category, in
 * newly recorded events;</li>
 * <li>{@code consent_ingest_latency_seconds{route}}: from the request's arrival to its answer after
 * the commit, for accepted requests (a histogram).</li>
 * </ul>
 * Each meter is looked up in the registry once and then kept here: a registry lookup builds and
 * sorts the tags and hashes the meter's id, six times per event before.
 */
@Singleton
public class EventMetrics {

    static final String UNKNOWN = "unknown";

    @Inject MeterRegistry registry;
    private final Map<AcceptedKey, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<CategoryKey, Counter> categories = new ConcurrentHashMap<>();
    private final Map<RefusedKey, Counter> refused = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    private record AcceptedKey(String type, boolean eea, String source, String regime, boolean replay) {
    }

    private record CategoryKey(String category, Outcome.Grant grant) {
    }

    private record RefusedKey(String type, int status, String reason) {
    }

    /**
     * The tags an accepted event is counted under. When events carry a regime, it is one more
     * {@code .and("regime", ...)} here.
     */
    static Tags acceptedTags(String type, Jurisdiction jurisdiction, boolean replay) {
        return Tags.of("type", type, "eea", String.valueOf(jurisdiction.eea()),
                "jurisdiction_source", jurisdiction.source().name(), "replay", String.valueOf(replay))
                .and("regime", jurisdiction.regime() == null ? "none" : jurisdiction.regime());
    }

    void accepted(String type, EventResponse response, boolean created) {
        Jurisdiction jurisdiction = response.jurisdiction();
        AcceptedKey key = new AcceptedKey(type, jurisdiction.eea(), jurisdiction.source().name(), jurisdiction.regime(),
                !created);
        accepted.computeIfAbsent(key,
                k -> Counter.builder("consent_events_accepted")
                        .description("Events answered 201, or 200 for a replay, single or in a batch")
                        .tags(acceptedTags(type, jurisdiction, k.replay())).register(registry))
                .increment();
        if (created && response.outcome() != null) {
            for (Map.Entry<String, Outcome.Grant> category : response.outcome().categories().entrySet()) {
                categories.computeIfAbsent(new CategoryKey(category.getKey(), category.getValue()),
                        k -> Counter.builder("consent_outcome_categories")
                                .description("Categories granted or denied in newly recorded events")
                                .tags("category", k.category(), "grant", k.grant().name().toLowerCase(Locale.ROOT))
                                .register(registry))
                        .increment();
            }
        }
    }

    void refused(String type, int status, String reason) {
        refused.computeIfAbsent(new RefusedKey(type, status, reason), k -> Counter.builder("consent_events_refused")
                .description("Events answered 4xx or 5xx; reason is the problem's type")
                .tags("type", k.type(), "status", String.valueOf(k.status()), "reason", k.reason()).register(registry))
                .increment();
    }

    void latency(String route, Duration elapsed) {
        latencies.computeIfAbsent(route, r -> Timer.builder("consent_ingest_latency")
                .description("Arrival of an event request to its answer after the commit").tag("route", r)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry)).record(elapsed);
    }
}
