package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.consentledger.consent.Outcome.Grant.DENIED;
import static org.consentledger.consent.Outcome.Grant.GRANTED;

import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import org.consentledger.consent.Outcome.Basis;
import org.consentledger.consent.Outcome.OptOut;
import org.consentledger.jurisdiction.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutcomeRulesTest {

    private static final List<String> CATEGORIES = List.of("functional", "analytics", "marketing");
    private static final List<String> IMPLIED = List.of("functional", "analytics", "marketing");
    private static final List<UUID> SHOWN = List.of(UUID.randomUUID(), UUID.randomUUID());

    private static OutcomeRules.Terms terms(Mode mode) {
        return new OutcomeRules.Terms(mode, CATEGORIES, IMPLIED, List.of("marketing"));
    }

    private static Outcome decide(EventType type, List<String> chosen, Mode mode, boolean gpc) {
        return OutcomeRules.decide(type, terms(mode), chosen, gpc, false, SHOWN);
    }

    @Test
    void acceptingAllGrantsEveryCategoryExplicitly() {
        Outcome outcome = decide(EventType.ACCEPT_ALL, List.of(), Mode.EXPLICIT, false);
        assertThat(outcome.basis()).isEqualTo(Basis.EXPLICIT);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", GRANTED),
                entry("marketing", GRANTED), entry("necessary", GRANTED));
        assertThat(outcome.acknowledged()).isEqualTo(SHOWN);
        assertThat(outcome.optOut()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void gpcDoesNotOverrideAnExplicitAcceptAllInAnyMode(Mode mode) {
        Outcome outcome = decide(EventType.ACCEPT_ALL, List.of(), mode, true);
        assertThat(outcome.categories()).containsEntry("marketing", GRANTED);
        assertThat(outcome.optOut()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "REJECT_ALL", "WITHDRAWN" })
    void rejectingOrWithdrawingGrantsOnlyNecessary(EventType type) {
        Outcome outcome = decide(type, List.of(), Mode.IMPLIED, false);
        assertThat(outcome.basis()).isEqualTo(Basis.EXPLICIT);
        assertThat(outcome.categories()).containsExactly(entry("analytics", DENIED), entry("functional", DENIED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
    }

    @Test
    void savedPreferencesGrantNecessaryAndWhatWasChosen() {
        Outcome outcome = decide(EventType.PREFERENCES_SAVED, List.of("analytics"), Mode.OPT_OUT, false);
        assertThat(outcome.basis()).isEqualTo(Basis.EXPLICIT);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", DENIED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "BANNER_CLOSED", "BROWSING_CONTINUED" })
    void anImpliedActUnderImpliedGrantsTheImpliedCategories(EventType type) {
        Outcome outcome = OutcomeRules.decide(type, new OutcomeRules.Terms(Mode.IMPLIED, CATEGORIES,
                List.of("functional", "analytics"), List.of("marketing")), List.of(), false, false, SHOWN);
        assertThat(outcome.basis()).isEqualTo(Basis.IMPLIED);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", GRANTED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
        assertThat(outcome.acknowledged()).isEqualTo(SHOWN);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "BANNER_CLOSED", "BROWSING_CONTINUED" })
    void anImpliedActUnderExplicitOnlyAcknowledges(EventType type) {
        Outcome outcome = decide(type, List.of(), Mode.EXPLICIT, false);
        assertThat(outcome.basis()).isEqualTo(Basis.IMPLIED);
        assertThat(outcome.categories()).containsExactly(entry("analytics", DENIED), entry("functional", DENIED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
        assertThat(outcome.acknowledged()).isEqualTo(SHOWN);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "BANNER_CLOSED", "BROWSING_CONTINUED" })
    void anImpliedActUnderOptOutGrantsTheImpliedCategoriesUntilTheVisitorOptsOut(EventType type) {
        Outcome outcome = decide(type, List.of(), Mode.OPT_OUT, false);
        assertThat(outcome.basis()).isEqualTo(Basis.IMPLIED);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", GRANTED),
                entry("marketing", GRANTED), entry("necessary", GRANTED));
        assertThat(outcome.optOut()).isNull();
    }

    @Test
    void anImpliedActUnderOptOutAfterAnOptOutDeniesSaleOrSharing() {
        Outcome outcome = OutcomeRules.decide(EventType.BROWSING_CONTINUED, new OutcomeRules.Terms(Mode.OPT_OUT,
                CATEGORIES, IMPLIED, List.of("analytics", "marketing")), List.of(), false, true, SHOWN);
        assertThat(outcome.categories()).containsExactly(entry("analytics", DENIED), entry("functional", GRANTED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
        assertThat(outcome.optOut()).isEqualTo(OptOut.VISITOR);
    }

    @Test
    void underAnExemptionAnImpliedActInAnExplicitRegimeSetsOnlyTheExemptCategory() {
        OutcomeRules.Terms exempt = new OutcomeRules.Terms(Mode.EXPLICIT, CATEGORIES, IMPLIED, List.of("marketing"),
                List.of("analytics"), List.of());
        Outcome outcome = OutcomeRules.decide(EventType.BANNER_CLOSED, exempt, List.of(), false, false, SHOWN);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", DENIED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
        assertThat(outcome.basis()).isEqualTo(Basis.IMPLIED);

        Outcome objection = OutcomeRules.decide(EventType.OPTED_OUT, exempt, List.of(), false, false, SHOWN);
        assertThat(objection.categories()).containsEntry("analytics", DENIED).containsEntry("functional", DENIED);
        assertThat(objection.optOut()).isEqualTo(OptOut.VISITOR);

        Outcome rejected = OutcomeRules.decide(EventType.REJECT_ALL, exempt, List.of(), false, false, SHOWN);
        assertThat(rejected.categories()).containsEntry("analytics", DENIED);
    }

    @Test
    void anObjectionAfterAcceptingAllWithdrawsOnlyTheExemptCategory() {
        OutcomeRules.Terms afterAcceptAll = new OutcomeRules.Terms(Mode.EXPLICIT, CATEGORIES, IMPLIED,
                List.of("marketing"), List.of("analytics"), List.of("analytics", "functional", "marketing"));
        Outcome objection = OutcomeRules.decide(EventType.OPTED_OUT, afterAcceptAll, List.of(), false, false, SHOWN);
        assertThat(objection.categories()).containsExactly(entry("analytics", DENIED), entry("functional", GRANTED),
                entry("marketing", GRANTED), entry("necessary", GRANTED));
        assertThat(OutcomeRules.granted(objection)).containsExactly("functional", "marketing");
    }

    @Test
    void anyDeniedExemptCategoryInTheLatestOutcomeIsAnObjection() {
        Outcome rejected = decide(EventType.REJECT_ALL, List.of(), Mode.EXPLICIT, false);
        Outcome accepted = decide(EventType.ACCEPT_ALL, List.of(), Mode.EXPLICIT, false);
        assertThat(OutcomeRules.objected(rejected, List.of("analytics"))).isTrue();
        assertThat(OutcomeRules.objected(accepted, List.of("analytics"))).isFalse();
        assertThat(OutcomeRules.objected(rejected, List.of())).isFalse();
    }

    @Test
    void gpcUnderOptOutIsAnOptOutAndIsRecordedAsSuch() {
        Outcome outcome = OutcomeRules.decide(EventType.BANNER_CLOSED, new OutcomeRules.Terms(Mode.OPT_OUT, CATEGORIES,
                IMPLIED, List.of("analytics")), List.of(), true, false, SHOWN);
        assertThat(outcome.categories()).containsExactly(entry("analytics", DENIED), entry("functional", GRANTED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
        assertThat(outcome.optOut()).isEqualTo(OptOut.GPC);
    }

    @Test
    void gpcUnderImpliedRemovesMarketingButIsNoOptOut() {
        Outcome outcome = decide(EventType.BANNER_CLOSED, List.of(), Mode.IMPLIED, true);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", GRANTED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
        assertThat(outcome.optOut()).isNull();
    }

    @Test
    void gpcUnderExplicitChangesNothingAnImpliedActGrants() {
        Outcome outcome = decide(EventType.BANNER_CLOSED, List.of(), Mode.EXPLICIT, true);
        assertThat(outcome.categories()).containsExactly(entry("analytics", DENIED), entry("functional", DENIED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
        assertThat(outcome.optOut()).isNull();
    }

    @Test
    void optingOutDeniesTheSaleOrShareCategoriesAndLeavesWhatAnImpliedActGrants() {
        Outcome outcome = decide(EventType.OPTED_OUT, List.of(), Mode.OPT_OUT, false);
        assertThat(outcome.basis()).isEqualTo(Basis.EXPLICIT);
        assertThat(outcome.categories()).containsExactly(entry("analytics", GRANTED), entry("functional", GRANTED),
                entry("marketing", DENIED), entry("necessary", GRANTED));
        assertThat(outcome.optOut()).isEqualTo(OptOut.VISITOR);
    }

    @Test
    void anOptOutSentWithGlobalPrivacyControlIsRecordedAsTheSignals() {
        Outcome outcome = decide(EventType.OPTED_OUT, List.of(), Mode.OPT_OUT, true);
        assertThat(outcome.categories()).containsEntry("marketing", DENIED);
        assertThat(outcome.optOut()).isEqualTo(OptOut.GPC);
    }

    @Test
    void optingOutUnderExplicitGrantsNothingOptional() {
        assertThat(decide(EventType.OPTED_OUT, List.of(), Mode.EXPLICIT, false).categories())
                .containsExactly(entry("analytics", DENIED), entry("functional", DENIED), entry("marketing", DENIED),
                        entry("necessary", GRANTED));
    }

    @Test
    void theOptOutHistoryIsNeededOnlyForAnImpliedActUnderOptOutWithoutGpc() {
        assertThat(OutcomeRules.needsOptOutHistory(EventType.BANNER_CLOSED, Mode.OPT_OUT, false)).isTrue();
        assertThat(OutcomeRules.needsOptOutHistory(EventType.BANNER_CLOSED, Mode.OPT_OUT, true)).isFalse();
        assertThat(OutcomeRules.needsOptOutHistory(EventType.BANNER_CLOSED, Mode.IMPLIED, false)).isFalse();
        assertThat(OutcomeRules.needsOptOutHistory(EventType.ACCEPT_ALL, Mode.OPT_OUT, false)).isFalse();
    }

    @Test
    void aVisitorOptedOutByAnOptOutOrByALatestChoiceThatDeniedSaleOrSharing() {
        Outcome rejected = decide(EventType.REJECT_ALL, List.of(), Mode.OPT_OUT, false);
        Outcome accepted = decide(EventType.ACCEPT_ALL, List.of(), Mode.OPT_OUT, false);
        List<String> saleOrShare = List.of("marketing");
        assertThat(OutcomeRules.optedOut(EventType.OPTED_OUT, accepted, saleOrShare)).isTrue();
        assertThat(OutcomeRules.optedOut(EventType.REJECT_ALL, rejected, saleOrShare)).isTrue();
        assertThat(OutcomeRules.optedOut(EventType.ACCEPT_ALL, accepted, saleOrShare)).isFalse();
        assertThat(OutcomeRules.optedOut(EventType.REJECT_ALL, rejected, List.of())).isFalse();
    }

    @Test
    void showingTheNoticeDecidesNothing() {
        Outcome outcome = decide(EventType.NOTICE_SHOWN, List.of(), Mode.IMPLIED, false);
        assertThat(outcome.basis()).isEqualTo(Basis.NONE);
        assertThat(outcome.categories()).isEmpty();
        assertThat(outcome.acknowledged()).isEmpty();
    }

    @Test
    void aSiteWithoutOptionalCategoriesStillGrantsNecessary() {
        assertThat(OutcomeRules.decide(EventType.ACCEPT_ALL, new OutcomeRules.Terms(Mode.EXPLICIT, List.of(), List.of(),
                List.of()), List.of(), false, false, List.of()).categories()).containsExactly(entry("necessary", GRANTED));
    }

    @Test
    void anOutcomeWithoutAnOptOutStoresTheJsonItAlwaysDid() {
        Outcome outcome = new Outcome(Basis.IMPLIED, new TreeMap<>(java.util.Map.of("necessary", GRANTED)), List.of());
        assertThat(Outcomes.json(outcome)).isEqualTo(
                "{\"basis\":\"IMPLIED\",\"categories\":{\"necessary\":\"GRANTED\"},\"acknowledged\":[]}");
        assertThat(Outcomes.parse(Outcomes.json(outcome))).isEqualTo(outcome);
    }
}
