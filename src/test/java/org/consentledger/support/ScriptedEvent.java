package org.consentledger.support;

import java.util.UUID;

import javax.sql.DataSource;

/**
 * An event written straight into consent_event, as a script or a bulk load would, with no claim and
 * no queue entry of its own: the table's statement trigger (V27) claims and queues it. A valid
 * NOTICE_SHOWN, since the ledger's sequencer reads it like any other.
 */
public final class ScriptedEvent {

    private static final String INSERT = "insert into consent_event (event_id, site_id, visitor_id, type, "
            + "document_version_ids, basis, outcome, eea, jurisdiction_source, gpc, received_at, request_hash, retain_until) "
            + "select ?, id, gen_random_uuid(), 'NOTICE_SHOWN', '{}', 'NONE', "
            + "'{\"basis\": \"NONE\", \"categories\": {}, \"acknowledged\": []}', false, 'HEADER', false, now(), "
            + "repeat('0', 64), (date_trunc('month', now() at time zone 'UTC') + interval '27 months')::date "
            + "from site where site_key = ?";

    private ScriptedEvent() {
    }

    public static void insert(DataSource dataSource, UUID eventId, String siteKey) {
        Rows.execute(dataSource, INSERT, eventId, siteKey);
    }
}
