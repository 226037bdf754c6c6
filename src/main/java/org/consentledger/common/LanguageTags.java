package org.consentledger.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * BCP 47 language tags: checking and normalising what admins and visitors send, and choosing the
 * best available language for a visitor (the exact tag first, then its primary subtag, so de-AT
 * is served de).
 */
public final class LanguageTags {

    public static final int MAX_LENGTH = 35;
    /** A language subtag of 2 or 3 letters, then subtags of 1 to 8 letters or digits. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    /** Accept-Language entries read at most; browsers send a handful. */
    private static final int MAX_PREFERENCES = 20;

    private LanguageTags() {
    }

    /** The tag in its canonical case (de-AT, zh-Hant-TW), or empty when it is not a well-formed tag. */
    public static Optional<String> normalise(String tag) {
        if (tag == null || tag.length() > MAX_LENGTH || !SHAPE.matcher(tag).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Locale.Builder().setLanguageTag(tag).build().toLanguageTag());
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    /** The canonical tag, or a 400 naming {@code field}. */
    public static String require(String field, String tag) {
        return normalise(tag).orElseThrow(() -> ApiException.invalid(field, "must be a BCP 47 language tag such as de or pt-BR"));
    }

    public static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    /**
     * The visitor's languages, best first, from an Accept-Language header: q-values decide, ties
     * keep the header's order; q=0, "*" and malformed entries are left out.
     */
    public static List<String> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        record Weighted(String tag, double q, int position) {
        }
        List<Weighted> weighted = new ArrayList<>();
        String[] entries = header.split(",");
        for (int i = 0; i < entries.length && i < MAX_PREFERENCES; i++) {
            String[] parts = entries[i].trim().split(";");
            Optional<String> tag = normalise(parts[0].trim());
            double q = parts.length > 1 ? quality(parts[1].trim()) : 1.0;
            if (tag.isPresent() && q > 0) {
                weighted.add(new Weighted(tag.get(), q, i));
            }
        }
        weighted.sort(Comparator.comparingDouble(Weighted::q).reversed().thenComparingInt(Weighted::position));
        return weighted.stream().map(Weighted::tag).distinct().toList();
    }

    private static double quality(String parameter) {
        if (!parameter.startsWith("q=") && !parameter.startsWith("Q=")) {
            return 1.0;
        }
        try {
            double q = Double.parseDouble(parameter.substring(2));
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The best of {@code available} for the preferences, taken in order: for each, its exact tag,
     * then an available tag of the same primary subtag (the bare primary first). Empty when none fits.
     */
    public static Optional<String> best(List<String> preferences, Collection<String> available) {
        for (String wanted : preferences) {
            for (String tag : available) {
                if (tag.equalsIgnoreCase(wanted)) {
                    return Optional.of(tag);
                }
            }
            String primary = primary(wanted);
            Optional<String> sameLanguage = available.stream()
                    .filter(tag -> primary(tag).equals(primary))
                    .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
            if (sameLanguage.isPresent()) {
                return sameLanguage;
            }
        }
        return Optional.empty();
    }
}
