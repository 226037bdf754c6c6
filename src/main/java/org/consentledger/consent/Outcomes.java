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
     * rows (exports, the sequencer) parse each distinct outcome once; Outcome is unmodifiable.
     */
    private static final int CACHE_SIZE = 4096;
    private static final Map<String, Outcome> PARSED = new ConcurrentHashMap<>();

    private Outcomes() {
    }

    static String json(Outcome outcome) {
        try {
            return JSON.writeValueAsString(outcome);
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
            Outcome parsed = JSON.readValue(value, Outcome.class);
            if (PARSED.size() >= CACHE_SIZE) {
                PARSED.clear();
            }
            PARSED.put(value, parsed);
            return parsed;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
