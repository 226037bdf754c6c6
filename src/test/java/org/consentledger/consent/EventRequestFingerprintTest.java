package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body's fingerprint (EventService.requestHash) is SHA-256 of the request as JSON: an event
 * sent before gppString existed must still fingerprint as it did, or its honest retry after an
 * upgrade would be a 409.
 */
class EventRequestFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void aRequestWithoutGppStringSerialisesAsBeforeAndOneWithItCarriesIt() throws Exception {
        UUID id = UUID.fromString("e0000000-0000-4000-8000-000000000001");
        EventRequest without = new EventRequest(id, id, EventType.ACCEPT_ALL, List.of(), null, null, null, null, false,
                null, null);
        assertThat(JSON.writeValueAsString(without)).isEqualTo("{\"eventId\":\"" + id + "\",\"visitorId\":\"" + id
                + "\",\"type\":\"ACCEPT_ALL\",\"documentVersionIds\":[],\"categories\":null,\"pageUrl\":null,"
                + "\"language\":null,\"clientTime\":null,\"gpc\":false,\"noticeId\":null}");

        EventRequest with = new EventRequest(id, id, EventType.ACCEPT_ALL, List.of(), null, null, null, null, false,
                null, "DBABLA~CVQqAAAAAACA.QA");
        assertThat(JSON.writeValueAsString(with)).endsWith(",\"noticeId\":null,\"gppString\":\"DBABLA~CVQqAAAAAACA.QA\"}");
    }
}
