package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.support.ScriptedEvent;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Leaves made before V30 name their event by its eventId alone. Since V30 another site may record
 * an event under that eventId, so such a leaf is only ever read as the event of the site that
 * claimed the eventId before V30 (legacy_event_key), never as another site's.
 */
@QuarkusTest
class PreV30LeavesTest {

    @Inject
    DataSource dataSource;

    @Test
    void aLeafKeyedByTheEventIdAloneIsOnlyTheOwnSitesEvent() {
        String owner = Api.siteWithPolicies();
        String other = Api.siteWithPolicies();
        UUID eventId = UUID.randomUUID();
        ScriptedEvent.insert(dataSource, eventId, owner);
        // As V30 leaves an event claimed and queued before it: in legacy_event_key, queued by its eventId.
        Rows.execute(dataSource, "insert into legacy_event_key (event_id, site_id, retain_until) "
                + "select k.event_id, k.site_id, k.retain_until from consent_event_key k where k.event_id = ?", eventId);
        Rows.execute(dataSource, "insert into ledger_queue (source, record_key) values ('consent_event', ?)",
                eventId.toString());
        Ledger.awaitInclusion(Api.postEvent(owner, "ACCEPT_ALL"));
        assertThat(Rows.count(dataSource, "select count(*) from ledger_leaf where source = 'consent_event' "
                + "and record_key = ?", eventId.toString())).as("the leaf keyed by the eventId alone").isEqualTo(1);

        Api.asAuditor().queryParam("eventId", eventId.toString()).queryParam("siteKey", other)
                .get("/api/v1/ledger/proof/inclusion").then().statusCode(404);
        Api.asAuditor().queryParam("eventId", eventId.toString()).queryParam("siteKey", owner)
                .get("/api/v1/ledger/proof/inclusion").then().statusCode(200)
                .body("recordKey", equalTo(owner + "/" + eventId));
    }
}
