package org.consentledger.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.consentledger.support.Api.asAuditor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.ledger.LedgerAlarmsReset;
import org.consentledger.support.Api;
import org.consentledger.support.OwnLedger;
import org.consentledger.support.Rows;
import org.consentledger.support.TestClock;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.filter.log.LogDetail;
import io.restassured.path.json.JsonPath;

/**
 * The console's charts. One site's story over four UTC days, the last of them today: on day 0
 * it publishes its first privacy policy and three visitors decide (one of them twice); day 1 is
 * quiet; on day 2 a material privacy policy 2 takes effect and one visitor accepts it while two
 * are only shown the notice; today two more decide.
 */
@Tag("database")
@QuarkusTest
@TestProfile(OwnLedger.class)
class AuditTrendResourceTest {

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @Inject
    DailyRollup rollup;

    /**
     * The story moves the clock days ahead while events wait for the sequencer, which raises the
     * merge-delay alarm; the tests that share this service (OwnLedger) start without it.
     */
    @AfterEach
    void resetClockAndAlarm() {
        clock.reset();
        LedgerAlarmsReset.mergeDelay();
    }

    private record Story(String siteKey, LocalDate day0, String policy1, String terms1, String policy2) {
    }

    /**
     * The story happens in the days after tomorrow, so that tokens signed now are not from the
     * application's future; it ends with the clock at 10:00 on day 3, "today".
     */
    private Story tellTheStory() {
        LocalDate day0 = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        moveTo(day0, 10);
        String siteKey = Api.createSite();
        String policy1 = Api.publish(siteKey, "PRIVACY_POLICY", "1", true);
        String terms1 = Api.publish(siteKey, "TERMS_OF_USE", "1", true);
        UUID a = UUID.randomUUID();
        post(siteKey, "DE", Api.event("NOTICE_SHOWN", a));
        post(siteKey, "DE", preferences(a, "analytics"));
        post(siteKey, "DE", Api.event("ACCEPT_ALL"));
        post(siteKey, "US", Api.event("REJECT_ALL", UUID.fromString("00000000-0000-4000-8000-00000000000c")));
        moveTo(day0, 11);
        post(siteKey, "DE", Api.event("REJECT_ALL", a)); // a changes their mind: the day counts this one

        moveTo(day0.plusDays(2), 10);
        String policy2 = Api.publish(siteKey, "PRIVACY_POLICY", "2", true);
        post(siteKey, "DE", Api.event("ACCEPT_ALL", a));
        post(siteKey, "FR", Api.event("NOTICE_SHOWN"));
        post(siteKey, "DE", Api.event("NOTICE_SHOWN"));

        moveTo(day0.plusDays(3), 10);
        post(siteKey, "US", Api.event("ACCEPT_ALL", UUID.fromString("00000000-0000-4000-8000-00000000000c")));
        post(siteKey, "GB", Api.event("REJECT_ALL"));
        return new Story(siteKey, day0, policy1, terms1, policy2);
    }

    @Test
    void everyDayIsABucketWithTheLatestDecisionOfEachVisitorThatDayByRegimeAndPolicyVersion() {
        Story story = tellTheStory();
        JsonPath series = timeseries(story, story.day0(), story.day0().plusDays(4));

        assertThat(series.getString("from")).isEqualTo(story.day0() + "T00:00:00Z");
        assertThat(series.getString("to")).isEqualTo(story.day0().plusDays(4) + "T00:00:00Z");
        assertThat(series.getString("bucket")).isEqualTo("day");
        assertThat(series.getList("buckets.start")).containsExactly(story.day0() + "T00:00:00Z",
                story.day0().plusDays(1) + "T00:00:00Z", story.day0().plusDays(2) + "T00:00:00Z",
                story.day0().plusDays(3) + "T00:00:00Z");
        assertThat(series.getList("buckets.total", Integer.class)).containsExactly(5, 0, 3, 2);
        assertThat(series.getList("buckets.decidingVisitors", Integer.class)).containsExactly(3, 0, 1, 2);

        // Day 0: a's latest act is the rejection, so only the German visitor who accepted grants analytics.
        assertThat(series.getInt("buckets[0].events.NOTICE_SHOWN")).isEqualTo(1);
        assertThat(series.getInt("buckets[0].events.PREFERENCES_SAVED")).isEqualTo(1);
        assertThat(series.getInt("buckets[0].events.REJECT_ALL")).isEqualTo(2);
        assertThat(series.getInt("buckets[0].events.ACCEPT_ALL")).isEqualTo(1);
        assertThat(series.getInt("buckets[0].categoryGrants.analytics.granted")).isEqualTo(1);
        assertThat(series.getDouble("buckets[0].categoryGrants.analytics.share")).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(series.getInt("buckets[0].byRegime.EEA.decidingVisitors")).isEqualTo(2);
        assertThat(series.getDouble("buckets[0].byRegime.EEA.categoryGrants.analytics.share")).isEqualTo(0.5);
        assertThat(series.getInt("buckets[0].byRegime.NOTICE.decidingVisitors")).isEqualTo(1);
        assertThat(series.getInt("buckets[0].byRegime.NOTICE.categoryGrants.analytics.granted")).isZero();
        assertThat(series.getMap("buckets[0].byPolicyVersion").keySet())
                .containsExactlyInAnyOrder(story.policy1(), story.terms1());
        assertThat(series.getInt("buckets[0].byPolicyVersion.'" + story.policy1() + "'.decidingVisitors")).isEqualTo(3);

        // Day 1: nothing happened, and it is there all the same.
        assertThat(series.getMap("buckets[1].byRegime")).isEmpty();
        assertThat(series.getMap("buckets[1].categoryGrants")).isEmpty();
        assertThat(series.getInt("buckets[1].events.ACCEPT_ALL")).isZero();

        // Day 2: a accepted under policy 2; the two notices shown decide nothing.
        assertThat(series.getMap("buckets[2].byPolicyVersion").keySet())
                .containsExactlyInAnyOrder(story.policy2(), story.terms1());
        assertThat(series.getDouble("buckets[2].byPolicyVersion.'" + story.policy2() + "'.categoryGrants.analytics.share"))
                .isEqualTo(1.0);

        // Today, computed from the events: the US visitor accepted, the visitor in Britain rejected.
        assertThat(series.getMap("buckets[3].byRegime").keySet()).containsExactlyInAnyOrder("NOTICE", "UK");
        assertThat(series.getDouble("buckets[3].categoryGrants.analytics.share")).isEqualTo(0.5);
        assertThat(series.getDouble("buckets[3].byRegime.UK.categoryGrants.analytics.share")).isZero();
    }

    @Test
    void rolledUpDaysAnswerExactlyAsTheEventsDidAndAreStoredOnce() {
        Story story = tellTheStory();
        String before = timeseries(story, story.day0(), story.day0().plusDays(4)).prettify();

        String siteId = siteIdOf(story.siteKey());
        moveTo(story.day0().plusDays(3), 10, 1);
        assertThat(rollup.rollUp(UUID.fromString(siteId))).isEqualTo(3);

        long stored = Rows.count(dataSource, "select count(*) from audit_day d join site s on s.id = d.site_id "
                + "where s.site_key = ? and d.as_of is null", story.siteKey());
        assertThat(stored).isEqualTo(3);
        assertThat(Rows.count(dataSource, "select (figures -> 'deciding' ->> 'visitors')::bigint from audit_day d "
                + "join site s on s.id = d.site_id where s.site_key = ? and d.day = ?", story.siteKey(), story.day0()))
                .isEqualTo(3);
        assertThat(Rows.count(dataSource, "select count(*) from audit_day d join site s on s.id = d.site_id "
                + "where s.site_key = ? and d.day >= ? and d.as_of is null", story.siteKey(), story.day0().plusDays(3)))
                .isZero();
        JsonPath after = timeseries(story, story.day0(), story.day0().plusDays(4));
        assertThat(after.getList("buckets.asOf")).containsExactly(null, null, null, at(story.day0().plusDays(3), 10, 1));
        assertThat(withoutAsOf(after.prettify())).isEqualTo(before);

        assertThat(rollup.rollUp(UUID.fromString(siteId))).isZero();
        assertThat(Rows.count(dataSource, "select count(*) from audit_day d join site s on s.id = d.site_id "
                + "where s.site_key = ? and d.as_of is null", story.siteKey())).isEqualTo(stored);
    }

    @Test
    void aCompleteDayIsReadFromTheTableOnceAndTodayOnEveryRequest() {
        Story story = tellTheStory();
        String siteId = siteIdOf(story.siteKey());
        moveTo(story.day0().plusDays(3), 10, 1);
        rollup.rollUp(UUID.fromString(siteId));
        JsonPath first = timeseries(story, story.day0(), story.day0().plusDays(4));

        // Complete rows are never rewritten by the service; one rewritten behind its back shows
        // whether a second request read it again. Today's snapshot must still be read each time.
        assertThat(Rows.execute(dataSource, "update audit_day set figures = jsonb_set(figures, '{total}', '99') "
                + "where site_id = ?::uuid and day = ?", siteId, story.day0())).isEqualTo(1);
        moveTo(story.day0().plusDays(3), 10, 2);
        post(story.siteKey(), "DE", Api.event("ACCEPT_ALL"));
        moveTo(story.day0().plusDays(3), 10, 3);
        rollup.rollUp(UUID.fromString(siteId));

        JsonPath second = timeseries(story, story.day0(), story.day0().plusDays(4));
        assertThat(first.getList("buckets.total", Integer.class)).containsExactly(5, 0, 3, 2);
        assertThat(second.getList("buckets.total", Integer.class)).containsExactly(5, 0, 3, 3);
        assertThat(second.getString("buckets[3].asOf")).isEqualTo(at(story.day0().plusDays(3), 10, 3));
    }

    @Test
    void rolledUpReconsentAnswersExactlyAsTheEventsDid() {
        Story story = tellTheStory();
        String policy2 = reconsent(story, story.policy2()).prettify();
        String policy1 = reconsent(story, story.policy1()).prettify();

        moveTo(story.day0().plusDays(3), 10, 1);
        rollup.rollUp(UUID.fromString(siteIdOf(story.siteKey())));

        assertThat(Rows.count(dataSource, "select count(*) from reconsent_day where version_id = ?::uuid "
                + "and as_of is null", story.policy1())).isEqualTo(3);
        assertThat(Rows.count(dataSource, "select new_seen from reconsent_day where version_id = ?::uuid and day = ?",
                story.policy1(), story.day0().plusDays(2))).isEqualTo(2);
        JsonPath rolledUp = reconsent(story, story.policy2());
        assertThat(rolledUp.getList("days.asOf")).containsExactly(null, at(story.day0().plusDays(3), 10, 1));
        assertThat(withoutAsOf(rolledUp.prettify())).isEqualTo(policy2);
        assertThat(withoutAsOf(reconsent(story, story.policy1()).prettify())).isEqualTo(policy1);
    }

    @Test
    void todayIsAnsweredFromItsLatestSnapshotUntilTheDayIsRolledUp() {
        Story story = tellTheStory();
        LocalDate today = story.day0().plusDays(3);
        String siteId = siteIdOf(story.siteKey());
        moveTo(today, 10, 1);
        rollup.rollUp(UUID.fromString(siteId));
        moveTo(today, 10, 2);
        post(story.siteKey(), "DE", Api.event("ACCEPT_ALL"));

        // The snapshot taken at 10:01 does not know the visitor who accepted at 10:02.
        JsonPath series = timeseries(story, today, today.plusDays(1));
        assertThat(series.getString("buckets[0].asOf")).isEqualTo(at(today, 10, 1));
        assertThat(series.getInt("buckets[0].total")).isEqualTo(2);
        JsonPath progress = reconsent(story, story.policy2());
        assertThat(progress.getInt("visitorsSeen")).isEqualTo(5);
        assertThat(progress.getInt("visitorsOnVersion")).isEqualTo(3);

        moveTo(today, 10, 3);
        rollup.rollUp(UUID.fromString(siteId));
        series = timeseries(story, today, today.plusDays(1));
        assertThat(series.getString("buckets[0].asOf")).isEqualTo(at(today, 10, 3));
        assertThat(series.getInt("buckets[0].total")).isEqualTo(3);
        assertThat(series.getInt("buckets[0].byRegime.EEA.decidingVisitors")).isEqualTo(1);
        progress = reconsent(story, story.policy2());
        assertThat(progress.getInt("visitorsSeen")).isEqualTo(6);
        assertThat(progress.getInt("visitorsOnVersion")).isEqualTo(4);
        assertThat(progress.getString("days[1].asOf")).isEqualTo(at(today, 10, 3));

        // A replica whose clock is behind never replaces a newer snapshot with an older one.
        moveTo(today, 10, 2);
        rollup.rollUp(UUID.fromString(siteId));
        assertThat(timeseries(story, today, today.plusDays(1)).getString("buckets[0].asOf")).isEqualTo(at(today, 10, 3));
        assertThat(reconsent(story, story.policy2()).getString("days[1].asOf")).isEqualTo(at(today, 10, 3));

        // After midnight and the grace period, the whole day replaces the snapshot.
        moveTo(today.plusDays(1), 0, 10);
        post(story.siteKey(), "FR", Api.event("REJECT_ALL"));
        moveTo(today.plusDays(1), 0, 11);
        rollup.rollUp(UUID.fromString(siteId));
        series = timeseries(story, today, today.plusDays(2));
        assertThat(series.getList("buckets.asOf")).containsExactly(null, at(today.plusDays(1), 0, 11));
        assertThat(series.getList("buckets.total", Integer.class)).containsExactly(3, 1);
        assertThat(series.getList("buckets.decidingVisitors", Integer.class)).containsExactly(3, 1);
        assertThat(Rows.count(dataSource, "select count(*) from reconsent_day where version_id = ?::uuid "
                + "and day = ? and as_of is null", story.policy2(), today)).isEqualTo(1);
        progress = reconsent(story, story.policy2());
        assertThat(progress.getList("days.visitorsSeen", Integer.class)).containsExactly(3, 6, 7);
        assertThat(progress.getList("days.asOf")).containsExactly(null, null, at(today.plusDays(1), 0, 11));
    }

    @Test
    void withoutARangeTheLastThirtyDaysEndingTomorrowAreShown() {
        String siteKey = Api.siteWithPolicies();
        post(siteKey, "DE", Api.event("ACCEPT_ALL"));
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);

        JsonPath series = asAuditor().get(timeseriesOf(siteKey)).then().log().ifValidationFails(LogDetail.ALL)
                .statusCode(200).extract().jsonPath();

        assertThat(series.getString("to")).isEqualTo(tomorrow + "T00:00:00Z");
        assertThat(series.getString("from")).isEqualTo(tomorrow.minusDays(30) + "T00:00:00Z");
        assertThat(series.getList("buckets")).hasSize(30);
        assertThat(series.getList("buckets.total", Integer.class).subList(0, 29)).containsOnly(0);
        assertThat(series.getInt("buckets[29].total")).isEqualTo(1);
    }

    @Test
    void theShareOfVisitorsOnAVersionGrowsDayByDaySinceItTookEffect() {
        Story story = tellTheStory();
        JsonPath progress = asAuditor().queryParam("versionId", story.policy2()).get(reconsentOf(story.siteKey()))
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200).extract().jsonPath();

        assertThat(progress.getString("versionId")).isEqualTo(story.policy2());
        assertThat(progress.getString("kind")).isEqualTo("PRIVACY_POLICY");
        assertThat(progress.getString("version")).isEqualTo("2");
        assertThat(progress.getBoolean("material")).isTrue();
        // Seen since: a (accepted 2), two shown the notice, the US visitor (accepted 2), the British one (rejected).
        assertThat(progress.getInt("visitorsSeen")).isEqualTo(5);
        assertThat(progress.getInt("visitorsOnVersion")).isEqualTo(3);
        assertThat(progress.getDouble("share")).isEqualTo(0.6);
        assertThat(progress.getList("days.day")).containsExactly(story.day0().plusDays(2).toString(),
                story.day0().plusDays(3).toString());
        assertThat(progress.getList("days.visitorsSeen", Integer.class)).containsExactly(3, 5);
        assertThat(progress.getList("days.visitorsOnVersion", Integer.class)).containsExactly(1, 3);
        assertThat(progress.getDouble("days[0].share")).isCloseTo(1 / 3.0, within(1e-6));

        JsonPath first = asAuditor().queryParam("versionId", story.policy1()).get(reconsentOf(story.siteKey()))
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("days.visitorsSeen", Integer.class)).containsExactly(3, 3, 5, 6);
        assertThat(first.getList("days.visitorsOnVersion", Integer.class)).containsExactly(3, 3, 3, 3);
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        String siteKey = Api.siteWithPolicies();
        Map<String, String> longRange = Map.of("from", "2025-01-01T00:00:00Z", "to", "2026-01-03T00:00:00Z");
        Map<String, String> backwards = Map.of("from", "2026-01-03T00:00:00Z", "to", "2026-01-01T00:00:00Z");
        assertRefused(timeseriesOf(siteKey), Map.of("bucket", "week"), "bucket");
        assertRefused(timeseriesOf(siteKey), Map.of("from", "yesterday"), "from");
        assertRefused(timeseriesOf(siteKey), Map.of("to", "2026-13-01T00:00:00Z"), "to");
        assertRefused(timeseriesOf(siteKey), longRange, "from");
        assertRefused(timeseriesOf(siteKey), backwards, "to");
        assertRefused(reconsentOf(siteKey), Map.of(), "versionId");
        assertRefused(reconsentOf(siteKey), Map.of("versionId", "42"), "versionId");

        asAuditor().queryParams(Map.of("from", "2025-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"))
                .get(timeseriesOf(siteKey)).then().statusCode(200).body("buckets", hasSize(366));
    }

    @Test
    void aVersionOfAnotherSiteOrAnotherSitesAuditorIsNotFound() {
        String siteKey = Api.siteWithPolicies();
        String other = Api.siteWithPolicies();
        String othersVersion = Api.publish(other, "COOKIE_POLICY", "1", true);
        asAuditor().queryParam("versionId", othersVersion).get(reconsentOf(siteKey)).then().statusCode(404);
        asAuditor().queryParam("versionId", UUID.randomUUID()).get(reconsentOf(siteKey)).then().statusCode(404);

        String scopedElsewhere = Tokens.withGroups("auditor:" + other);
        given().auth().oauth2(scopedElsewhere).get(timeseriesOf(siteKey)).then().statusCode(404)
                .body("detail", equalTo("No site with this siteKey"));
        given().auth().oauth2(scopedElsewhere).queryParam("versionId", othersVersion).get(reconsentOf(siteKey))
                .then().statusCode(404);
        given().auth().oauth2(scopedElsewhere).get(timeseriesOf(other)).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).get(timeseriesOf(siteKey)).then().statusCode(403);
    }

    private String siteIdOf(String siteKey) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("select id from site where site_key = ?")) {
            ps.setString(1, siteKey);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath reconsent(Story story, String versionId) {
        return asAuditor().queryParam("versionId", versionId).get(reconsentOf(story.siteKey())).then()
                .log().ifValidationFails(LogDetail.ALL).statusCode(200).extract().jsonPath();
    }

    /** A body as it was counted from the events: every snapshot's asOf back to null. */
    private static String withoutAsOf(String body) {
        return body.replaceAll("\"asOf\": \"[^\"]*\"", "\"asOf\": null");
    }

    private static String at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC).toString();
    }

    private JsonPath timeseries(Story story, LocalDate from, LocalDate to) {
        return asAuditor().queryParams(Map.of("from", from + "T00:00:00Z", "to", to + "T00:00:00Z", "bucket", "day"))
                .get(timeseriesOf(story.siteKey())).then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .extract().jsonPath();
    }

    private static void assertRefused(String path, Map<String, String> query, String field) {
        asAuditor().queryParams(query).get(path).then().log().ifValidationFails(LogDetail.ALL).statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains(field))
                .body("buckets", nullValue());
    }

    private void moveTo(LocalDate day, int hour) {
        moveTo(day, hour, 0);
    }

    private void moveTo(LocalDate day, int hour, int minute) {
        Instant target = day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
        clock.advance(Duration.between(clock.instant(), target));
    }

    private static Map<String, Object> preferences(UUID visitor, String... granted) {
        Map<String, Object> event = new HashMap<>(Api.event("PREFERENCES_SAVED", visitor));
        event.put("categories", List.of(granted));
        return event;
    }

    private static void post(String siteKey, String country, Map<String, Object> event) {
        Api.fromCountry(country).body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(201);
    }

    private static String timeseriesOf(String siteKey) {
        return "/api/v1/audit/sites/" + siteKey + "/timeseries";
    }

    private static String reconsentOf(String siteKey) {
        return "/api/v1/audit/sites/" + siteKey + "/reconsent";
    }
}
