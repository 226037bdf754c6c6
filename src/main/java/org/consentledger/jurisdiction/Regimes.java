package org.consentledger.jurisdiction;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.consentledger.common.ApiException;

/**
 * Picks a visitor's regime on a site: the current rules' regime for the visitor's region or
 * country, then the site's override for the region, the country or {@code *} (any known country),
 * the most specific first. An override only ever makes things stricter: one that would loosen
 * (say, after a new rules version) is ignored.
 */
@Singleton
public class Regimes {

    /** The override key for every known country. */
    public static final String EVERYWHERE = "*";

    @Inject CurrentRules rules;

    /** The current rules when held in memory: what {@link #choose} needs, without reading the published rules. */
    public Optional<RulesVersion> heldRules() {
        return rules.held();
    }

    /** The current rules; blocking: reads them when they are not held. */
    public RulesVersion currentRules() {
        return rules.current();
    }

    public RegimeChoice choose(Jurisdiction location, Map<String, String> overrides) {
        return choose(rules.current(), location, overrides);
    }

    /** The choice under these rules, read before: nothing is read here. */
    public static RegimeChoice choose(RulesVersion rules, Jurisdiction location, Map<String, String> overrides) {
        RulesDocument document = rules.rules();
        Regime regime = document.regimeFor(location.country(), location.region());
        if (location.country() != null) {
            for (String key : new String[] { location.region(), location.country(), EVERYWHERE }) {
                Regime override = key == null ? null : document.byCode(overrides.get(key));
                if (override != null) {
                    if (override.mode().atLeastAsStrictAs(regime.mode())) {
                        regime = override;
                    }
                    break;
                }
            }
        }
        return new RegimeChoice(location.withRegime(regime.code(), rules.version()), regime);
    }

    /**
     * The choice for a made-up visitor under the current rules' regime {@code code}, as a preview
     * shows it: located in the regime's first country or region, in no country for the regime of
     * unknown visitors, and in the first country (A to Z) no regime lists for the regime of
     * elsewhere. Empty for a code the current rules do not have.
     */
    public Optional<RegimeChoice> representative(String code) {
        RulesVersion current = rules.current();
        RulesDocument document = current.rules();
        Regime regime = document.byCode(code);
        if (regime == null) {
            return Optional.empty();
        }
        return Optional.of(new RegimeChoice(locationIn(document, regime).withRegime(code, current.version()), regime));
    }

    private static Jurisdiction locationIn(RulesDocument document, Regime regime) {
        if (!regime.countries().isEmpty()) {
            String country = regime.countries().get(0);
            return new Jurisdiction(country, Eea.contains(country), Jurisdiction.Source.HEADER);
        }
        if (!regime.regions().isEmpty()) {
            String region = regime.regions().get(0);
            String country = region.substring(0, 2);
            return new Jurisdiction(country, region, Eea.contains(country), Jurisdiction.Source.HEADER, null, null);
        }
        if (regime.code().equals(document.elsewhere())) {
            return Stream.of(Locale.getISOCountries()).sorted()
                    .filter(country -> document.regimeFor(country, null) == regime)
                    .findFirst()
                    .map(country -> new Jurisdiction(country, Eea.contains(country), Jurisdiction.Source.HEADER))
                    .orElse(Jurisdiction.UNKNOWN);
        }
        return Jurisdiction.UNKNOWN;
    }

    /** 400 naming {@code regimeOverrides} unless every override is a valid key, a known regime and no looser. */
    public void checkOverrides(Map<String, String> overrides) {
        RulesDocument document = rules.current().rules();
        overrides.forEach((key, code) -> {
            if (!key.equals(EVERYWHERE) && !RulesCheck.isCountry(key) && !RulesCheck.isRegion(key)) {
                throw invalid("'" + key + "' is not '*', an ISO 3166-1 country or an ISO 3166-2 region");
            }
            Regime override = document.byCode(code);
            if (override == null) {
                throw invalid("'" + code + "' is not a regime of the current rules");
            }
            List<Regime> looser = document.reachableFrom(key).stream()
                    .filter(r -> !override.mode().atLeastAsStrictAs(r.mode())).toList();
            if (!looser.isEmpty()) {
                throw invalid("'" + key + "' -> '" + code + "' would loosen " + looser.get(0).code() + " ("
                        + looser.get(0).mode() + "): an override may only make things stricter");
            }
        });
    }

    private static RuntimeException invalid(String detail) {
        return ApiException.invalid("regimeOverrides", detail);
    }
}
