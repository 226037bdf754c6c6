package org.consentledger.jurisdiction;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.consentledger.common.ApiException;

/** Checks a rules document before it is published; each problem is a 400 naming the field. */
final class RulesCheck {

    static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final String CODE = "[A-Z][A-Z0-9-]{1,31}";
    private static final int MAX_MONTHS = 120;

    private RulesCheck() {
    }

    static boolean isCountry(String value) {
        return ISO_COUNTRIES.contains(value);
    }

    /** An ISO 3166-2 subdivision: a known country, a hyphen, one to three letters or digits. */
    static boolean isRegion(String value) {
        return value.matches("[A-Z]{2}-[A-Z0-9]{1,3}") && isCountry(value.substring(0, 2));
    }

    static void check(RulesDocument document) {
        if (document.regimes() == null || document.regimes().isEmpty()) {
            throw ApiException.invalid("regimes", "must list at least one regime");
        }
        Set<String> codes = new HashSet<>();
        Set<String> places = new HashSet<>();
        for (int i = 0; i < document.regimes().size(); i++) {
            Regime regime = document.regimes().get(i);
            String field = "regimes[" + i + "]";
            if (regime == null) {
                throw ApiException.invalid(field, "must not be null");
            }
            if (regime.code() == null || !regime.code().matches(CODE) || !codes.add(regime.code())) {
                throw ApiException.invalid(field + ".code", "must be a unique code matching " + CODE);
            }
            if (regime.mode() == null) {
                throw ApiException.invalid(field + ".mode", "must be EXPLICIT, OPT_OUT or IMPLIED");
            }
            months(field + ".acceptMonths", regime.acceptMonths());
            months(field + ".rejectMonths", regime.rejectMonths());
            for (String country : regime.countries()) {
                if (country == null || !isCountry(country) || !places.add(country)) {
                    throw ApiException.invalid(field + ".countries",
                            "'" + country + "' is not an ISO 3166-1 alpha-2 code, or is listed twice");
                }
            }
            for (String category : regime.exemptCategories()) {
                if (!Regime.EXEMPTABLE.contains(category) || regime.mode() != Mode.EXPLICIT) {
                    throw ApiException.invalid(field + ".exemptCategories", "may list only " + Regime.EXEMPTABLE
                            + ", and only in an EXPLICIT regime");
                }
            }
            for (String region : regime.regions()) {
                if (region == null || !isRegion(region) || !places.add(region)) {
                    throw ApiException.invalid(field + ".regions",
                            "'" + region + "' is not an ISO 3166-2 code such as US-CA, or is listed twice");
                }
            }
        }
        if (document.elsewhere() == null || !codes.contains(document.elsewhere())) {
            throw ApiException.invalid("elsewhere", "must name one of the regimes");
        }
        if (document.unknown() == null || !codes.contains(document.unknown())) {
            throw ApiException.invalid("unknown", "must name one of the regimes");
        }
    }

    private static void months(String field, Integer months) {
        if (months == null || months < 1 || months > MAX_MONTHS) {
            throw ApiException.invalid(field, "must be a whole number of months from 1 to " + MAX_MONTHS);
        }
    }
}
