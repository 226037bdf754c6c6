package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.consent.VisitorConsentService.Standing;
import org.consentledger.consent.VisitorConsentService.Standings;
import org.consentledger.identity.RecordedLinks;
import org.consentledger.identity.UserIds;
import org.consentledger.jurisdiction.CurrentRules;
import org.consentledger.notice.SiteNotice;
import org.consentledger.notice.SiteNotices;
import org.consentledger.support.Api;
import org.consentledger.support.SqlRecorder;
import org.consentledger.support.SqlRecorder.Recorded;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** The standings of many visitors and persons cost the same two statements as one: the links, then the decisions. */
@Tag("database")
@QuarkusTest
class PersonStandingsTest {

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    CurrentRules rules;

    @Inject
    SiteNotices sites;

    @Inject
    UserIds userIds;

    @Test
    void manyLinkedVisitorsAndAccountsAreReadInTwoStatements() throws Exception {
        String siteKey = Api.siteWithPolicies();
        SiteNotice site = sites.forSite(siteKey);
        List<UUID> visitors = new ArrayList<>();
        List<String> users = new ArrayList<>();
        List<UUID> rejections = new ArrayList<>();
        for (int person = 0; person < 20; person++) {
            UUID laptop = UUID.randomUUID();
            UUID phone = UUID.randomUUID();
            act(siteKey, "ACCEPT_ALL", laptop);
            rejections.add(act(siteKey, "REJECT_ALL", phone));
            link(siteKey, laptop, "person-" + person);
            link(siteKey, phone, "person-" + person);
            visitors.add(laptop);
            users.add(userIds.hash(site.siteId(), "person-" + person));
        }
        UUID loner = UUID.randomUUID();
        UUID acceptance = act(siteKey, "ACCEPT_ALL", loner);
        visitors.add(loner);
        visitors.add(UUID.randomUUID());
        users.add(userIds.hash(site.siteId(), "nobody"));
        DataSource recording = SqlRecorder.recording(dataSource);
        VisitorConsentService service = new VisitorConsentService(new DecisionStore(recording),
                RecordedLinks.on(recording), clock, rules);

        Recorded<Standings> recorded = SqlRecorder.record(() -> service.standings(site, visitors, users));

        assertThat(recorded.statements()).hasSize(2);
        Map<UUID, Standing> byVisitor = recorded.result().byVisitor();
        Map<String, Standing> byUser = recorded.result().byUser();
        for (int person = 0; person < 20; person++) {
            assertThat(byVisitor.get(visitors.get(person)).decision().eventId()).isEqualTo(rejections.get(person));
            assertThat(byUser.get(users.get(person)).decision().eventId()).isEqualTo(rejections.get(person));
        }
        assertThat(byVisitor.get(loner).decision().eventId()).isEqualTo(acceptance);
        assertThat(byVisitor.get(visitors.get(21)).decision()).isNull();
        assertThat(byUser.get(users.get(20)).decision()).isNull();
    }

    private static UUID act(String siteKey, String type, UUID visitor) {
        Map<String, Object> event = Api.event(type, visitor);
        Api.fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        return UUID.fromString((String) event.get("eventId"));
    }

    private static void link(String siteKey, UUID visitor, String userId) {
        RestAssured.given().auth().oauth2(Tokens.withGroups("service:" + siteKey)).contentType(ContentType.JSON)
                .body(Map.of("visitorId", visitor.toString(), "userId", userId))
                .post("/api/v1/sites/" + siteKey + "/identities").then().statusCode(201);
    }
}
