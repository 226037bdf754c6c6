package org.consentledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The memory of complete days stays within its capacity, dropping the day read longest ago. */
class CompleteDaysTest {

    private static final AuditDays.Stored DAY = new AuditDays.Stored(DayFigures.empty(), null);

    @Test
    void theLeastRecentlyReadDayGoesFirstWhenFull() {
        CompleteDays days = new CompleteDays(2);
        UUID site = UUID.randomUUID();
        LocalDate monday = LocalDate.of(2026, 11, 23);
        days.put(site, monday, DAY);
        days.put(site, monday.plusDays(1), DAY);
        assertThat(days.get(site, monday)).isSameAs(DAY); // now read more recently than Tuesday

        days.put(site, monday.plusDays(2), DAY);

        assertThat(days.size()).isEqualTo(2);
        assertThat(days.get(site, monday)).isSameAs(DAY);
        assertThat(days.get(site, monday.plusDays(1))).isNull();
        assertThat(days.get(UUID.randomUUID(), monday)).isNull();
    }
}
