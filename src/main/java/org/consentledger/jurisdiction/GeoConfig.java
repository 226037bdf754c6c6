package org.consentledger.jurisdiction;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "consent.geo")
public interface GeoConfig {

    /** Name of the trusted edge header carrying an ISO 3166-1 alpha-2 country code. */
    Optional<String> countryHeader();
}
