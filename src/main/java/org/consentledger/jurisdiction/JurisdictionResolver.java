package org.consentledger.jurisdiction;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.inject.Singleton;

/**
 * Reads the visitor's country, and optionally region, from the headers an operator has declared
 * trustworthy (set by the CDN or edge proxy), and only on a request that came through one of the
 * trusted proxies: a client that reaches the service directly could set the headers itself.
 * Anything the client sends in a body or another header is ignored.
 */
@Singleton
public class JurisdictionResolver {

    private final Optional<String> trustedHeader;
    private final Optional<String> regionHeader;

    @jakarta.inject.Inject
    JurisdictionResolver(GeoConfig config) {
        this(config.countryHeader(), config.regionHeader());
    }

    JurisdictionResolver(Optional<String> trustedHeader, Optional<String> regionHeader) {
        this.trustedHeader = trustedHeader.filter(name -> !name.isBlank());
        this.regionHeader = regionHeader.filter(name -> !name.isBlank());
    }

    /** The visitor's location; {@link Jurisdiction#UNKNOWN} unless a trusted proxy set the country header. */
    public Jurisdiction resolve(UnaryOperator<String> header, boolean viaTrustedProxy) {
        if (!viaTrustedProxy) {
            return Jurisdiction.UNKNOWN;
        }
        Jurisdiction location = trustedHeader.map(header).map(this::fromCountryCode)
                .orElse(Jurisdiction.UNKNOWN);
        String region = regionHeader.map(header).map(value -> region(location.country(), value))
                .orElse(null);
        return region == null ? location
                : new Jurisdiction(location.country(), region, location.eea(), location.source(), null, null);
    }

    public Jurisdiction fromCountryCode(String value) {
        if (value == null) {
            return Jurisdiction.UNKNOWN;
        }
        String country = value.trim().toUpperCase(Locale.ROOT);
        if (!RulesCheck.isCountry(country)) {
            return Jurisdiction.UNKNOWN;
        }
        return new Jurisdiction(country, Eea.contains(country), Jurisdiction.Source.HEADER);
    }

    /**
     * The ISO 3166-2 code for a region header's value: {@code US-CA} as it is, {@code CA} with the
     * country put in front. Null without a known country, or when the value names another country's
     * region or is no subdivision code at all.
     */
    static String region(String country, String value) {
        if (country == null) {
            return null;
        }
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (!code.contains("-")) {
            code = country + "-" + code;
        }
        return code.startsWith(country + "-") && RulesCheck.isRegion(code) ? code : null;
    }

    /** The headers a notice varies on. */
    public List<String> trustedHeaders() {
        return java.util.stream.Stream.of(trustedHeader, regionHeader).flatMap(Optional::stream).toList();
    }
}
