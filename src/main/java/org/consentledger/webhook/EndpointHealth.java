package org.consentledger.webhook;

import java.time.Instant;

/** What an endpoint's deliveries say of it: how many wait, how many failed for good, and its last 2xx. */
record EndpointHealth(long pending, long failed, Instant lastDeliveredAt) {

    static final EndpointHealth NONE = new EndpointHealth(0, 0, null);
}
