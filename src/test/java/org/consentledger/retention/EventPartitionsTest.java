package org.consentledger.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@Tag("database")
@QuarkusTest
class EventPartitionsTest {

    private static final String PARTITIONS = "select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid "
            + "where i.inhparent = 'consent_event'::regclass and c.relname ~ '^consent_event_[0-9]{4}_[0-9]{2}$'";
    private static final String COLUMNS = "site_id, visitor_id, type, document_version_ids, categories, basis, outcome, "
            + "country, eea, jurisdiction_source, page_url, language, user_agent, ip_prefix, gpc, client_time, "
            + "received_at, request_hash, region, regime, rules_version, notice_id, page_url_id, user_agent_id, outcome_id";

    @Inject
    DataSource dataSource;

    @Inject
    EventPartitions partitions;

    @Test
    void emptyPartitionsMadeBeyondTheLongestPeriodAreDroppedAndOneHoldingAnEventIsKept() throws Exception {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        // What a period of 1,200 months made before the bound, at its far end.
        assertThat(Rows.count(dataSource, "select ensure_event_partitions(?, ?)", now.plusMonths(1190).atDay(1),
                now.plusMonths(1204).atDay(1))).isEqualTo(15);
        // An event received under that period, kept until then.
        UUID received = Api.postEvent(Api.createSite(), "ACCEPT_ALL");
        UUID keptLong = UUID.randomUUID();
        Rows.execute(dataSource, "insert into consent_event (event_id, retain_until, " + COLUMNS + ") select ?, ?, "
                + COLUMNS + " from consent_event where event_id = ?", keptLong, now.plusMonths(1201).atDay(1), received);
        long withinReach = Rows.count(dataSource, PARTITIONS + " and c.relname <= ?", name(now.plusMonths(124)));

        int dropped;
        try (Connection c = dataSource.getConnection()) {
            dropped = partitions.dropEmptyBeyondLongestPeriod(c);
        }

        assertThat(dropped).isEqualTo(14);
        assertThat(Rows.count(dataSource, PARTITIONS + " and c.relname > ?", name(now.plusMonths(124)))).isEqualTo(1);
        assertThat(Rows.text(dataSource, "select tableoid::regclass::text from consent_event where event_id = ?", keptLong))
                .isEqualTo(name(now.plusMonths(1201)));
        assertThat(Rows.count(dataSource, PARTITIONS + " and c.relname <= ?", name(now.plusMonths(124))))
                .isEqualTo(withinReach);
    }

    private static String name(YearMonth keptUntil) {
        return String.format("consent_event_%04d_%02d", keptUntil.getYear(), keptUntil.getMonthValue());
    }
}
