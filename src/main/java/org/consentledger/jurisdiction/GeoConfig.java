package org.consentledger.jurisdiction;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "consent.geo")
public interface GeoConfig {

    /** Name of the trusted edge header carrying an ISO 3166-1 alpha-2 country code. */
    Optional<String> countryHeader();

    /** Name of the trusted edge header carrying an ISO 3166-2 subdivision, such as {@code US-CA} or {@code CA}. */
    Optional<String> regionHeader();
}
