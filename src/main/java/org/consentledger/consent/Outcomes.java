package org.consentledger.consent;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The outcome column's JSON. A plain mapper suffices: an outcome holds only enums, strings and UUIDs. */
final class Outcomes {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Outcomes repeat: a site has a handful of category combinations per notice. Reads of many
     * rows (exports, the sequencer) parse each distinct outcome once, and the writer, which needs
     * each new event's JSON for the batch and for its dictionary key (EventTexts), writes each
     * distinct outcome once; Outcome is unmodifiable, with value equality.
     */
    private static final int CACHE_SIZE = 4096;
    private static final Map<String, Outcome> PARSED = new ConcurrentHashMap<>();
    private static final Map<Outcome, String> WRITTEN = new ConcurrentHashMap<>();

    private Outcomes() {
    }

    static String json(Outcome outcome) {
        String cached = outcome == null ? null : WRITTEN.get(outcome);
        if (cached != null) {
            return cached;
        }
        try {
            String json = JSON.writeValueAsString(outcome);
            return outcome == null ? json : remember(WRITTEN, outcome, json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome parse(String value) {
        Outcome cached = PARSED.get(value);
        if (cached != null) {
            return cached;
        }
        try {
            return remember(PARSED, value, JSON.readValue(value, Outcome.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps at most {@link #CACHE_SIZE} entries: past that the cache starts again empty. */
    private static <K, V> V remember(Map<K, V> cache, K key, V value) {
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(key, value);
        return value;
    }
}
