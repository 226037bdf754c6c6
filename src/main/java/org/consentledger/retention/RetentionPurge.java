package org.consentledger.retention;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.consentledger.common.Hashing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * Drops the partitions of events whose retention has ended, one transaction each. Before the
 * drop it reads the partition's eventIds in order, so the purge record says exactly which ledger
 * records it redacts: their number, the SHA-256 of their eventIds (each followed by a line feed,
 * in ascending order) and how many each site lost. The database function checks the date by its
 * own clock, drops the partition and writes the record to the admin log, and so to the ledger,
 * with one record per site (its count and the digest of its own eventIds): that one, which names
 * no other site, is the one the site's auditors and visitors are shown. The tables derived from the
 * events ({@link EventProjection}) forget the dropped ones in the same transaction.
 */
@ApplicationScoped
public class RetentionPurge {

    static final String ACTOR = "retention";
    static final String RULE = "kept until the first day of the month after the month of receipt plus the site's "
            + "retention period (retentionMonths; by default 13 months beyond the longest consent lifetime of the "
            + "regime that decided the event)";

    private final DataSource dataSource;
    private final EventPartitions partitions;
    private final PartitionEvents partitionEvents;
    private final Instance<EventProjection> projections;
    private final ObjectMapper json;
    private final Clock clock;

    RetentionPurge(DataSource dataSource, EventPartitions partitions, PartitionEvents events,
            Instance<EventProjection> projections, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.projections = projections;
        this.partitions = partitions;
        this.partitionEvents = events;
        this.json = json;
        this.clock = clock;
    }

    /** Purges every partition whose day has come; the admin log ids of the purge records written. */
    public List<Long> purgeDue() throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Long> written = new ArrayList<>();
        List<LocalDate> due;
        try (Connection c = dataSource.getConnection()) {
            due = partitions.keptUntilDays(c).stream().filter(day -> !day.isAfter(today)).toList();
        }
        for (LocalDate keptUntil : due) {
            Long logId = purge(keptUntil);
            if (logId != null) {
                Log.infof("Retention purged the events kept until %s (admin log %d)", keptUntil, logId);
                written.add(logId);
            }
        }
        return written;
    }

    private Long purge(LocalDate keptUntil) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // Reading a month of eventIds may take longer than a request's statement is allowed.
                try (var statement = c.createStatement()) {
                    statement.execute("set local statement_timeout = '30min'");
                }
                Map<String, Object> record = new LinkedHashMap<>();
                Map<String, Map<String, Object>> sites = new TreeMap<>();
                long events = describe(c, keptUntil, record, sites);
                record.put("rule", RULE);
                Long logId;
                try (PreparedStatement ps = c.prepareStatement(
                        "select purge_event_partition(?, ?, ?::jsonb, ?, ?::jsonb)")) {
                    ps.setObject(1, keptUntil);
                    ps.setLong(2, events);
                    ps.setString(3, json.writeValueAsString(record));
                    ps.setString(4, ACTOR);
                    ps.setString(5, json.writeValueAsString(sites));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        logId = rs.getObject(1, Long.class);
                    }
                }
                if (logId != null) {
                    for (EventProjection projection : projections) {
                        projection.refreshAfterPurge(c, keptUntil);
                    }
                }
                c.commit();
                return logId;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } catch (JsonProcessingException e) {
                c.rollback();
                throw new IllegalStateException("Could not write a purge record", e);
            }
        }
    }

    /**
     * Reads the partition's eventIds in order: their count, digest and counts by site go into the
     * record, and each site's count and digest of its own eventIds into {@code sites}.
     */
    private long describe(Connection c, LocalDate keptUntil, Map<String, Object> record,
            Map<String, Map<String, Object>> sites) throws SQLException {
        MessageDigest digest = Hashing.sha256();
        Map<String, Long> bySite = new TreeMap<>();
        Map<String, MessageDigest> siteDigests = new TreeMap<>();
        partitionEvents.forEachKeptUntil(c, keptUntil, (eventId, siteKey) -> {
            byte[] line = (eventId + "\n").getBytes(StandardCharsets.US_ASCII);
            digest.update(line);
            siteDigests.computeIfAbsent(siteKey, site -> Hashing.sha256()).update(line);
            bySite.merge(siteKey, 1L, Long::sum);
        });
        record.put("eventIdsSha256", HexFormat.of().formatHex(digest.digest()));
        record.put("bySite", bySite);
        siteDigests.forEach((site, siteDigest) -> sites.put(site, Map.of("events", bySite.get(site),
                "eventIdsSha256", HexFormat.of().formatHex(siteDigest.digest()))));
        return bySite.values().stream().mapToLong(Long::longValue).sum();
    }
}
