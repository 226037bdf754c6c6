package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.consentledger.consent.Outcome.Grant.DENIED;
import static org.consentledger.consent.Outcome.Grant.GRANTED;

import java.util.List;
import java.util.UUID;

import org.consentledger.consent.Outcome.Basis;
import org.consentledger.jurisdiction.Jurisdiction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutcomeRulesTest {

    private static final List<String> CATEGORIES = List.of("functional", "analytics", "marketing");
    private static final List<String> IMPLIED = List.of("functional", "analytics", "marketing");
    private static final Jurisdiction GERMANY = new Jurisdiction("DE", true, Jurisdiction.Source.HEADER);
    private static final Jurisdiction UNITED_STATES = new Jurisdiction("US", false, Jurisdiction.Source.HEADER);
    private static final List<UUID> SHOWN = List.of(UUID.randomUUID(), UUID.randomUUID());

    private static Outcome decide(EventType type, List<String> chosen, Jurisdiction where, boolean gpc) {
        return OutcomeRules.decide(type, CATEGORIES, IMPLIED, chosen, where, gpc, SHOWN);
    }

    @Test
    void acceptingAllGrantsEveryCategoryExplicitly() {
        Outcome outcome = decide(EventType.ACCEPT_ALL, List.of(), GERMANY, false);
        assertThat(outcome.basis()).isEqualTo(Basis.EXPLICIT);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", GRANTED),
                entry("marketing", GRANTED), entry("necessary", GRANTED));
        assertThat(outcome.acknowledged()).isEqualTo(SHOWN);
    }

    @Test
    void gpcDoesNotOverrideAnExplicitAcceptAll() {
        assertThat(decide(EventType.ACCEPT_ALL, List.of(), UNITED_STATES, true).categories())
                .containsEntry("marketing", GRANTED);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "REJECT_ALL", "WITHDRAWN" })
    void rejectingOrWithdrawingGrantsOnlyNecessary(EventType type) {
        Outcome outcome = decide(type, List.of(), UNITED_STATES, false);
        assertThat(outcome.basis()).isEqualTo(Basis.EXPLICIT);
        assertThat(outcome.categories()).containsExactly(entry("analytics", DENIED), entry("functional", DENIED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
    }

    @Test
    void savedPreferencesGrantNecessaryAndWhatWasChosen() {
        Outcome outcome = decide(EventType.PREFERENCES_SAVED, List.of("analytics"), GERMANY, false);
        assertThat(outcome.basis()).isEqualTo(Basis.EXPLICIT);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", DENIED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "BANNER_CLOSED", "BROWSING_CONTINUED" })
    void anImpliedActOutsideTheEeaGrantsTheImpliedCategories(EventType type) {
        Outcome outcome = OutcomeRules.decide(type, CATEGORIES, List.of("functional", "analytics"), List.of(),
                UNITED_STATES, false, SHOWN);
        assertThat(outcome.basis()).isEqualTo(Basis.IMPLIED);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", GRANTED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
        assertThat(outcome.acknowledged()).isEqualTo(SHOWN);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "BANNER_CLOSED", "BROWSING_CONTINUED" })
    void anImpliedActInTheEeaGrantsOnlyNecessary(EventType type) {
        for (Jurisdiction where : List.of(GERMANY, Jurisdiction.UNKNOWN)) {
            Outcome outcome = decide(type, List.of(), where, false);
            assertThat(outcome.basis()).isEqualTo(Basis.IMPLIED);
            assertThat(outcome.categories()).containsExactly(entry("analytics", DENIED), entry("functional", DENIED),
                    entry("marketing", DENIED), entry("necessary", GRANTED));
            assertThat(outcome.acknowledged()).isEqualTo(SHOWN);
        }
    }

    @Test
    void gpcRemovesMarketingFromAnImpliedAct() {
        assertThat(decide(EventType.BANNER_CLOSED, List.of(), UNITED_STATES, true).categories())
                .containsExactly(entry("analytics", GRANTED), entry("functional", GRANTED), entry("marketing", DENIED),
                        entry("necessary", GRANTED));
    }

    @Test
    void showingTheNoticeDecidesNothing() {
        Outcome outcome = decide(EventType.NOTICE_SHOWN, List.of(), UNITED_STATES, false);
        assertThat(outcome.basis()).isEqualTo(Basis.NONE);
        assertThat(outcome.categories()).isEmpty();
        assertThat(outcome.acknowledged()).isEmpty();
    }

    @Test
    void aSiteWithoutOptionalCategoriesStillGrantsNecessary() {
        assertThat(OutcomeRules.decide(EventType.ACCEPT_ALL, List.of(), List.of(), List.of(), GERMANY, false, List.of())
                .categories()).containsExactly(entry("necessary", GRANTED));
    }
}
