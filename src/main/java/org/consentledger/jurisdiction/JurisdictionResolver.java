package org.consentledger.jurisdiction;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Reads the visitor's country from the one header an operator has declared trustworthy (set by
 * the CDN or edge proxy), and only on a request that came through one of the trusted proxies: a
 * client that reaches the service directly could set the header itself. Anything the client
 * sends in a body or another header is ignored.
 */
@ApplicationScoped
public class JurisdictionResolver {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private final Optional<String> trustedHeader;

    @jakarta.inject.Inject
    JurisdictionResolver(GeoConfig config) {
        this(config.countryHeader());
    }

    JurisdictionResolver(Optional<String> trustedHeader) {
        this.trustedHeader = trustedHeader.filter(name -> !name.isBlank());
    }

    /** The visitor's jurisdiction; {@link Jurisdiction#UNKNOWN} unless a trusted proxy set the header. */
    public Jurisdiction resolve(HttpHeaders headers, boolean viaTrustedProxy) {
        if (!viaTrustedProxy) {
            return Jurisdiction.UNKNOWN;
        }
        return trustedHeader.map(headers::getHeaderString).map(this::fromCountryCode).orElse(Jurisdiction.UNKNOWN);
    }

    public Jurisdiction fromCountryCode(String value) {
        if (value == null) {
            return Jurisdiction.UNKNOWN;
        }
        String country = value.trim().toUpperCase(Locale.ROOT);
        if (!ISO_COUNTRIES.contains(country)) {
            return Jurisdiction.UNKNOWN;
        }
        return new Jurisdiction(country, Eea.contains(country), Jurisdiction.Source.HEADER);
    }

    public Optional<String> trustedHeader() {
        return trustedHeader;
    }
}
