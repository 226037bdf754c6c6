package org.consentledger.notice.refused;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RefusedOriginTallyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aFloodFromOneOriginIsOneEntry() {
        RefusedOriginTally tally = new RefusedOriginTally(10);
        UUID site = UUID.randomUUID();
        for (int i = 0; i < 10_000; i++) {
            tally.add(site, "https://a.example", 1, Set.of("client-" + i % 3), T0.plusSeconds(i), T0.plusSeconds(i));
        }

        assertThat(tally.entries()).singleElement()
                .extracting("count", "firstSeen", "lastSeen")
                .containsExactly(10_000L, T0, T0.plusSeconds(9_999));
        assertThat(tally.entries().get(0).clients()).hasSize(3);
    }

    @Test
    void pastItsLimitASiteKeepsTheOriginsRefusedForTheMostClientsThenTheLatestAndCountsTheRestAsDropped() {
        RefusedOriginTally tally = new RefusedOriginTally(2);
        UUID site = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            tally.add(site, "https://forgotten.example", 1, Set.of("visitor-" + i), T0, T0);
        }
        for (int i = 0; i < 50; i++) {
            tally.add(site, "https://made-up-" + i + ".example", 1, Set.of("flooder"), T0.plusSeconds(i), T0.plusSeconds(i));
        }
        tally.add(other, "https://b.example", 1, Set.of("flooder"), T0, T0);

        assertThat(tally.entries()).extracting("origin").containsExactly(
                "https://forgotten.example", "https://made-up-49.example", "https://b.example");
        assertThat(tally.entries().get(0).count()).isEqualTo(3);
        assertThat(tally.dropped()).isEqualTo(49);
    }

    @Test
    void distinctClientsAreCountedUpToTheirCap() {
        RefusedOriginTally tally = new RefusedOriginTally(2);
        UUID site = UUID.randomUUID();
        for (int i = 0; i < RefusedOriginTally.MAX_CLIENTS + 20; i++) {
            tally.add(site, "https://forgotten.example", 1, Set.of("visitor-" + i), T0, T0);
        }

        assertThat(tally.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.clients()).hasSize(RefusedOriginTally.MAX_CLIENTS);
            assertThat(entry.count()).isEqualTo(RefusedOriginTally.MAX_CLIENTS + 20);
        });
    }
}
