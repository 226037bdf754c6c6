package org.consentledger.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JurisdictionResolverTest {

    private final JurisdictionResolver resolver = new JurisdictionResolver(Optional.of("CF-IPCountry"), Optional.of("CF-Region-Code"));

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
        assertThat(new JurisdictionResolver(Optional.of(" "), Optional.of("")).trustedHeaders()).isEmpty();
        assertThat(new JurisdictionResolver(Optional.empty(), Optional.empty()).trustedHeaders()).isEmpty();
        assertThat(resolver.trustedHeaders()).containsExactly("CF-IPCountry", "CF-Region-Code");
    }

    @ParameterizedTest
    @ValueSource(strings = { "US-CA", "CA", " ca ", "us-ca" })
    void aRegionComesWithOrWithoutItsCountry(String value) {
        assertThat(JurisdictionResolver.region("US", value)).isEqualTo("US-CA");
    }

    @ParameterizedTest
    @ValueSource(strings = { "DE-BY", "CALIFORNIA", "", "US-", "XX-CA", "US_CA" })
    void aRegionOfAnotherCountryOrNoCodeAtAllIsIgnored(String value) {
        assertThat(JurisdictionResolver.region("US", value)).isNull();
    }

    @Test
    void aRegionWithoutAKnownCountryIsIgnored() {
        assertThat(JurisdictionResolver.region(null, "US-CA")).isNull();
    }
}
