package org.consentledger.bannertext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.consentledger.common.ClasspathResources;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The banner's own words as shipped, one UTF-8 JSON file per language in
 * {@code src/main/resources/banner-texts}. Every file has exactly {@link #KEYS}: the banner codes
 * against them, so a missing or extra key fails at start, not in a visitor's browser.
 */
public final class BuiltInTexts {

    public static final List<String> KEYS = List.of("heading", "bodyExplicit", "bodyImplied", "bodyOptOut", "acceptAll",
            "rejectAll", "choose", "manageChoices", "saveChoices", "withdraw", "close", "categoriesLegend", "alwaysOn",
            "gpcRespected", "optOut", "optedOut", "receiptDownload", "documentsIntro", "withdrawn", "exemptAnalytics",
            "objectAnalytics", "objectedAnalytics");
    public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "it", "nl", "pl", "pt");
    /** What a language without built-in texts falls back to. */
    public static final String FALLBACK = "en";

    private static final Map<String, Map<String, String>> TEXTS = load();

    private BuiltInTexts() {
    }

    public static boolean has(String language) {
        return TEXTS.containsKey(language);
    }

    /** The built-in texts of the language, or the English ones for a language without any. */
    public static Map<String, String> of(String language) {
        return TEXTS.getOrDefault(language, TEXTS.get(FALLBACK));
    }

    private static Map<String, Map<String, String>> load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            String location = "banner-texts/" + language + ".json";
            Map<String, String> read;
            try {
                read = json.readValue(ClasspathResources.read(location), new TypeReference<Map<String, String>>() {
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable " + location, e);
            }
            if (!read.keySet().equals(Set.copyOf(KEYS)) || read.values().stream().anyMatch(v -> v == null || v.isBlank())) {
                throw new IllegalStateException(location + " must have a text for exactly the keys " + KEYS);
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            KEYS.forEach(key -> ordered.put(key, read.get(key)));
            texts.put(language, Map.copyOf(ordered));
        }
        return Map.copyOf(texts);
    }

    /** The built-ins of the language overlaid with a site's overrides, in the order of {@link #KEYS}. */
    public static Map<String, String> merged(String language, Map<String, String> overrides) {
        Map<String, String> builtIn = of(language);
        Map<String, String> merged = new LinkedHashMap<>();
        KEYS.forEach(key -> merged.put(key, overrides.getOrDefault(key, builtIn.get(key))));
        return merged;
    }
}
