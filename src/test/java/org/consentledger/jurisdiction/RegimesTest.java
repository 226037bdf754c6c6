package org.consentledger.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Choosing a regime from rules and a site's overrides, and when a decision expires, without a database. */
class RegimesTest {

    private static final RulesVersion RULES = new RulesVersion(7, new RulesDocument(List.of(
            new Regime("EEA", Mode.EXPLICIT, 13, 6, List.of("DE", "FR"), List.of()),
            new Regime("US-OPT-OUT", Mode.OPT_OUT, 12, 12, List.of(), List.of("US-CA", "US-VA")),
            new Regime("NOTICE", Mode.IMPLIED, 12, 12, List.of(), List.of()),
            new Regime("DEFAULT", Mode.EXPLICIT, 13, 6, List.of(), List.of())), "NOTICE", "DEFAULT"),
            Instant.EPOCH, "test");

    private static RegimeChoice choose(String country, String region, Map<String, String> overrides) {
        Jurisdiction location = country == null ? Jurisdiction.UNKNOWN
                : new Jurisdiction(country, region, false, Jurisdiction.Source.HEADER, null, null);
        return Regimes.choose(RULES, location, overrides);
    }

    @Test
    void aRegionListedByARegimeWinsOverItsCountry() {
        RegimeChoice choice = choose("US", "US-CA", Map.of());
        assertThat(choice.regime().mode()).isEqualTo(Mode.OPT_OUT);
        assertThat(choice.jurisdiction().regime()).isEqualTo("US-OPT-OUT");
        assertThat(choice.jurisdiction().rulesVersion()).isEqualTo(7);
        assertThat(choice.jurisdiction().region()).isEqualTo("US-CA");
    }

    @Test
    void aCountryNoRegimeListsGetsTheElsewhereRegime() {
        assertThat(choose("US", "US-AL", Map.of()).jurisdiction().regime()).isEqualTo("NOTICE");
        assertThat(choose("US", null, Map.of()).jurisdiction().regime()).isEqualTo("NOTICE");
        assertThat(choose("DE", null, Map.of()).jurisdiction().regime()).isEqualTo("EEA");
    }

    @Test
    void anUnknownCountryGetsTheUnknownRegimeWhateverTheOverrides() {
        assertThat(choose(null, null, Map.of("*", "NOTICE")).jurisdiction().regime()).isEqualTo("DEFAULT");
    }

    @Test
    void theMostSpecificOverrideWins() {
        Map<String, String> overrides = Map.of("*", "EEA", "US", "US-OPT-OUT", "US-VA", "EEA");
        assertThat(choose("US", "US-VA", overrides).jurisdiction().regime()).isEqualTo("EEA");
        assertThat(choose("US", "US-TX", overrides).jurisdiction().regime()).isEqualTo("US-OPT-OUT");
        assertThat(choose("JP", null, overrides).jurisdiction().regime()).isEqualTo("EEA");
    }

    @Test
    void anOverrideThatWouldLoosenIsIgnored() {
        assertThat(choose("DE", null, Map.of("DE", "NOTICE")).jurisdiction().regime()).isEqualTo("EEA");
        assertThat(choose("US", "US-CA", Map.of("*", "NOTICE")).jurisdiction().regime()).isEqualTo("US-OPT-OUT");
    }

    @Test
    void anOverrideMayOnlyReachRegimesNoStricterThanItself() {
        RulesDocument rules = RULES.rules();
        assertThat(rules.reachableFrom("*")).extracting(Regime::code).containsExactlyInAnyOrder("EEA", "US-OPT-OUT",
                "NOTICE");
        assertThat(rules.reachableFrom("US")).extracting(Regime::code).containsExactlyInAnyOrder("NOTICE", "US-OPT-OUT");
        assertThat(rules.reachableFrom("US-CA")).extracting(Regime::code).containsExactly("US-OPT-OUT");
    }

    @Test
    void anAcceptanceLastsItsAcceptLifetimeAndARejectionItsRejectLifetime() {
        Regime eea = RULES.rules().byCode("EEA");
        Instant decided = Instant.parse("2026-01-15T12:00:00Z");
        assertThat(eea.expired(decided, true, Instant.parse("2027-02-15T11:59:59Z"))).isFalse();
        assertThat(eea.expired(decided, true, Instant.parse("2027-02-15T12:00:00Z"))).isTrue();
        assertThat(eea.expired(decided, false, Instant.parse("2026-07-15T11:59:59Z"))).isFalse();
        assertThat(eea.expired(decided, false, Instant.parse("2026-07-15T12:00:00Z"))).isTrue();
    }

    @Test
    void strictnessRunsFromExplicitThroughOptOutToImplied() {
        assertThat(Mode.EXPLICIT.atLeastAsStrictAs(Mode.OPT_OUT)).isTrue();
        assertThat(Mode.OPT_OUT.atLeastAsStrictAs(Mode.IMPLIED)).isTrue();
        assertThat(Mode.IMPLIED.atLeastAsStrictAs(Mode.OPT_OUT)).isFalse();
        assertThat(Mode.OPT_OUT.atLeastAsStrictAs(Mode.EXPLICIT)).isFalse();
    }
}
