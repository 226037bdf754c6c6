package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A consent.changed body is its change as PostgreSQL printed it, with the event's receipt in its data. */
class ChangeBodyTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ChangeFeeds feeds = feeds();

    private ChangeFeeds feeds() {
        ChangeFeeds feeds = new ChangeFeeds();
        feeds.json = json;
        return feeds;
    }

    @Test
    void theReceiptIsTheFirstMemberOfTheDataAndTheRestIsKeptByteForByte() throws Exception {
        String change = "{\"data\": {\"eventId\": \"e-1\", \"siteKey\": \"news\"}, \"type\": \"consent.changed\", "
                + "\"timestamp\": \"2026-03-01T10:00:00.123456Z\"}";
        String body = feeds.withReceipt(change, "{\"format\":\"consent-ledger-receipt\",\"signature\":\"c2ln\"}");

        assertThat(body).isEqualTo("{\"data\": {\"receipt\": {\"format\":\"consent-ledger-receipt\",\"signature\":\"c2ln\"}, "
                + "\"eventId\": \"e-1\", \"siteKey\": \"news\"}, \"type\": \"consent.changed\", "
                + "\"timestamp\": \"2026-03-01T10:00:00.123456Z\"}");
        JsonNode parsed = json.readTree(body);
        assertThat(parsed.at("/data/receipt/signature").asText()).isEqualTo("c2ln");
        assertThat(parsed.at("/data/eventId").asText()).isEqualTo("e-1");
    }

    @Test
    void anEmptyDataOrAnotherLayoutStillMakesValidJsonAndNoReceiptLeavesTheChangeAsItIs() throws Exception {
        String receipt = "{\"signature\":\"c2ln\"}";
        assertThat(json.readTree(feeds.withReceipt("{\"data\": {}, \"type\": \"consent.changed\"}", receipt))
                .at("/data/receipt/signature").asText()).isEqualTo("c2ln");
        assertThat(json.readTree(feeds.withReceipt("{\"type\":\"consent.changed\",\"data\":{\"eventId\":\"e-1\"}}", receipt))
                .at("/data/receipt/signature").asText()).isEqualTo("c2ln");
        assertThat(feeds.withReceipt("{\"data\": {\"eventId\": \"e-1\"}}", null)).isEqualTo("{\"data\": {\"eventId\": \"e-1\"}}");
    }
}
