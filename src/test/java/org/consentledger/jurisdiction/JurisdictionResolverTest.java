package org.consentledger.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JurisdictionResolverTest {

    private final JurisdictionResolver resolver = new JurisdictionResolver((Optional.of("CF-IPCountry")));

    @ParameterizedTest
    @ValueSource(strings = { "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
            "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO" })
    void everyEeaCountryIsInTheEea(String country) {
        assertThat(resolver.fromCountryCode(country))
                .isEqualTo(new Jurisdiction(country, true, Jurisdiction.Source.HEADER));
    }

    @Test
    void theEeaHasThirtyCountries() {
        assertThat(Eea.COUNTRIES).hasSize(30);
    }

    @ParameterizedTest
    @ValueSource(strings = { "GB", "CH", "US", "CA", "TR" })
    void countriesOutsideTheEeaAreNot(String country) {
        assertThat(resolver.fromCountryCode(country))
                .isEqualTo(new Jurisdiction(country, false, Jurisdiction.Source.HEADER));
    }

    @Test
    void aCodeIsTrimmedAndUpperCased() {
        assertThat(resolver.fromCountryCode(" de ")).isEqualTo(new Jurisdiction("DE", true, Jurisdiction.Source.HEADER));
    }

    @ParameterizedTest
    @ValueSource(strings = { "XX", "EU", "", "DEU", "1" })
    void anUnknownCodeFallsBackToTheStrictestDefault(String code) {
        assertThat(resolver.fromCountryCode(code)).isEqualTo(Jurisdiction.UNKNOWN);
        assertThat(Jurisdiction.UNKNOWN.eea()).isTrue();
        assertThat(Jurisdiction.UNKNOWN.country()).isNull();
    }

    @Test
    void aMissingCodeFallsBackToTheDefault() {
        assertThat(resolver.fromCountryCode(null)).isEqualTo(Jurisdiction.UNKNOWN);
    }

    @Test
    void aBlankHeaderNameMeansNoTrustedHeader() {
        assertThat(new JurisdictionResolver((Optional.of(" "))).trustedHeader()).isEmpty();
        assertThat(new JurisdictionResolver((Optional.empty())).trustedHeader()).isEmpty();
        assertThat(resolver.trustedHeader()).contains("CF-IPCountry");
    }
}
