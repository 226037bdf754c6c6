package org.consentledger.ledger.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.consent.EventStore;
import org.consentledger.ledger.LedgerConfig;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.ledger.LedgerRecords;
import org.consentledger.site.SiteRepository;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.SqlRecorder;
import org.consentledger.support.SqlRecorder.Recorded;
import org.consentledger.verify.EvidenceVerifier;
import org.consentledger.verify.Json;
import org.consentledger.webhook.DeliveryRecords;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** An evidence package reads its leaves in one query and all nodes of all its proofs in another, however many events. */
@Tag("database")
@QuarkusTest
class EvidenceServiceTest {

    @Inject
    DataSource dataSource;

    @Inject
    LedgerKeys keys;

    @Inject
    LedgerConfig config;

    @Inject
    LedgerRecords records;

    @Inject
    SiteRepository sites;

    @Inject
    EventStore events;

    @Inject
    DeliveryRecords deliveries;

    @Test
    void anEvidencePackageSendsAsManyQueriesForSixEventsAsForOne() throws Exception {
        String siteKey = Api.siteWithPolicies();
        UUID oneEvent = visitorWithEvents(siteKey, 1);
        UUID sixEvents = visitorWithEvents(siteKey, 6);

        Recorded<String> one = evidence(siteKey, oneEvent);
        Recorded<String> six = evidence(siteKey, sixEvents);

        System.out.printf("Evidence of 1 event: %d statements; of 6 events: %d statements %s%n",
                one.statements().size(), six.statements().size(), six.statements());
        assertThat(entries(six.result())).hasSize(8); // six events, a privacy policy and terms of use
        assertThat(six.statements()).hasSize(one.statements().size());
        // With the one that looks for the site's retention purges, the one that looks for the events'
        // webhook deliveries, the events read in two: their keys, which name their partition, then
        // the events (all six of them in one partition here), and the one that asks which of them
        // were claimed before V30, whose leaves may be keyed by the eventId alone.
        assertThat(six.statements()).hasSize(11);
        assertThat(six.count("legacy_event_key")).isEqualTo(1);
        assertThat(six.count("ledger_node")).isEqualTo(1);
        assertThat(six.count("from ledger_leaf l join unnest")).isEqualTo(1);
        var verdict = EvidenceVerifier.verify(Json.parseObject(six.result()), keys.verifierKey(), null, null);
        assertThat(verdict.clean()).as(verdict.message()).isTrue();
    }

    private Recorded<String> evidence(String siteKey, UUID visitor) throws Exception {
        UUID siteId = QuarkusTransaction.requiringNew().call(() -> sites.require(siteKey).id);
        EvidenceService evidence = new EvidenceService(SqlRecorder.recording(dataSource), keys, records, events, deliveries,
                config);
        return SqlRecorder.record(() -> evidence.packageFor(siteKey, siteId, visitor));
    }

    private static UUID visitorWithEvents(String siteKey, int count) {
        UUID visitor = UUID.randomUUID();
        UUID last = null;
        for (int i = 0; i < count; i++) {
            Map<String, Object> event = Api.event(i % 2 == 0 ? "ACCEPT_ALL" : "REJECT_ALL", visitor);
            given().contentType("application/json").body(event).post("/api/v1/sites/" + siteKey + "/events")
                    .then().statusCode(201);
            last = UUID.fromString((String) event.get("eventId"));
        }
        Ledger.awaitInclusion(last);
        return visitor;
    }

    private static List<?> entries(String evidence) {
        return (List<?>) Json.parseObject(evidence).get("entries");
    }
}
