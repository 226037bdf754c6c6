package org.consentledger.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.retention.EventProjection;

/**
 * Owns consent_decision (migration V17): each visitor's standing decision on a site, one row per
 * visitor, so reading it never scans history. The rule: an explicit act always replaces what
 * stood, an implied act ({@link EventType#implied()}) replaces only an implied one, and
 * NOTICE_SHOWN never counts; of two acts of the same kind the later (higher row id) stands. So a
 * row holds the latest explicit act, or without one the latest implied act, in whatever order the
 * acts are written. {@link EventInserts} applies the rule in the very statement that inserts the
 * events, and a purge refreshes the rows of the events it dropped in its own transaction.
 */
@ApplicationScoped
public class DecisionStore implements EventProjection {

    /** The columns of consent_event the rule needs, as the insert returns them to {@link #upsertFrom}. */
    static final String EVENT_COLUMNS = "id, event_id, site_id, visitor_id, type, outcome, outcome_id, regime, "
            + "rules_version, document_version_ids, received_at, retain_until";

    /** What the upsert returns of each decision it wrote, for {@link #changes}. */
    static final String DECIDED_COLUMNS = "site_id, visitor_id, event_id, type, outcome, regime, document_version_ids, "
            + "received_at";

    private static final String COLUMNS = "site_id, visitor_id, event_row_id, event_id, type, explicit, outcome, "
            + "outcome_id, regime, rules_version, document_version_ids, received_at, retain_until";

    /** A decision's outcome: from the dictionary where it names one (V31), else its own column. Needs {@link #OUTCOME_JOIN}. */
    private static final String OUTCOME = "coalesce(d_oc.value::jsonb, d.outcome)";
    private static final String OUTCOME_JOIN = " left join event_text d_oc on d_oc.id = d.outcome_id";

    private static final String REPLACE = Arrays.stream(COLUMNS.split(", ")).skip(2)
            .map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));

    /**
     * The rule as an order, greatest first standing: explicit before implied, then the later. The
     * same order as {@link #LATER_OR_STRONGER}, for the decisions of several visitor ids that are
     * one person's (see {@link VisitorConsentService}).
     */
    static final Comparator<CurrentDecision> PRECEDENCE = Comparator.comparing(CurrentDecision::explicit)
            .thenComparingLong(CurrentDecision::eventRowId);

    /** Whether {@code excluded} (the new act) replaces the row that stands. */
    private static final String LATER_OR_STRONGER = "excluded.explicit > consent_decision.explicit or "
            + "(excluded.explicit = consent_decision.explicit and excluded.event_row_id > consent_decision.event_row_id)";

    private static final String BY_VISITORS = "select " + Arrays.stream(COLUMNS.split(", "))
            .map(c -> c.equals("outcome") ? OUTCOME + " as outcome" : "d." + c).collect(Collectors.joining(", "))
            + " from consent_decision d" + OUTCOME_JOIN + " where d.site_id = ? and d.visitor_id = any(?)";

    /**
     * For each row whose deciding event was purged, the best act left in the visitor's history.
     * A row a new event replaced meanwhile no longer names the purged day, and stays as it is.
     */
    private static final String REFRESH_PURGED = "insert into consent_decision (" + COLUMNS + ") select "
            + decisionOf("e") + " from consent_decision d cross join lateral (select "
            + eventColumns("e", EventColumns.outcome("e"))
            + " from consent_event e" + EventColumns.outcomeJoin("e") + " where e.site_id = d.site_id and e.visitor_id = d.visitor_id and "
            + changesConsent("e") + " order by " + explicit("e") + " desc, e.id desc limit 1) e "
            + "where d.retain_until = ? on conflict (site_id, visitor_id) do update set " + REPLACE
            + " where consent_decision.retain_until = ?";

    /** The rows of visitors with nothing left after the purge. */
    private static final String FORGET_PURGED = "delete from consent_decision where retain_until = ?";

    private final DataSource dataSource;

    DecisionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The statement that applies the rule to the events of {@code source} (a WITH query returning
     * {@link #EVENT_COLUMNS}): one row per visitor, the act the rule prefers, upserted in key order
     * so that two concurrent writers lock the same rows in the same order.
     */
    static String upsertFrom(String source) {
        return "insert into consent_decision (" + COLUMNS + ") select distinct on (n.site_id, n.visitor_id) "
                + decisionOf("n") + " from " + source + " n where " + changesConsent("n")
                + " order by n.site_id, n.visitor_id, " + explicit("n") + " desc, n.id desc"
                + " on conflict (site_id, visitor_id) do update set " + REPLACE + " where " + LATER_OR_STRONGER;
    }

    /**
     * The decisions of the visitors of {@code source} as they stood before the statement: every
     * WITH query of a statement reads the same snapshot, so the upsert beside it does not show.
     */
    static String beforeOf(String source) {
        return "select d.site_id, d.visitor_id, " + OUTCOME + " -> 'categories' as categories from consent_decision d"
                + OUTCOME_JOIN + " where (d.site_id, d.visitor_id) in (select site_id, visitor_id from " + source + ")";
    }

    /**
     * The rows of {@code decided} (the upsert's, {@link #DECIDED_COLUMNS}) whose categories differ
     * from {@code before} ({@link #beforeOf}): withdrawals and opt-outs included, a first decision
     * too, a repeated choice not. The outcomes come from {@code events} ({@link #EVENT_COLUMNS},
     * each event's outcome inline): a decision may name its outcome in the dictionary instead. The
     * columns {@link ConsentChangeOutbox#insertFrom} promises.
     */
    static String changes(String decided, String before, String events) {
        return "select n.site_id, n.visitor_id, n.event_id, n.type, n.regime, n.document_version_ids, n.received_at, "
                + "b.categories as categories_before, w.outcome -> 'categories' as categories_after from " + decided
                + " n join " + events + " w on w.site_id = n.site_id and w.event_id = n.event_id left join " + before
                + " b on b.site_id = n.site_id and b.visitor_id = n.visitor_id "
                + "where b.categories is distinct from w.outcome -> 'categories'";
    }

    /** The standing decisions of these visitors on the site, in one statement; visitors without one are absent. */
    public Map<UUID, CurrentDecision> find(UUID siteId, Collection<UUID> visitorIds) {
        Map<UUID, CurrentDecision> found = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BY_VISITORS)) {
            ps.setObject(1, siteId);
            ps.setArray(2, c.createArrayOf("uuid", visitorIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(EventColumns.VISITOR_ID.read(rs), read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read consent decisions", e);
        }
        return found;
    }

    @Override
    public void refreshAfterPurge(Connection c, LocalDate keptUntil) throws SQLException {
        try (PreparedStatement refresh = c.prepareStatement(REFRESH_PURGED);
                PreparedStatement forget = c.prepareStatement(FORGET_PURGED)) {
            refresh.setObject(1, keptUntil);
            refresh.setObject(2, keptUntil);
            refresh.executeUpdate();
            forget.setObject(1, keptUntil);
            forget.executeUpdate();
        }
    }

    private static CurrentDecision read(ResultSet rs) throws SQLException {
        return new CurrentDecision(rs.getLong("event_row_id"), EventColumns.EVENT_ID.read(rs), EventColumns.TYPE.read(rs),
                rs.getBoolean("explicit"), EventColumns.OUTCOME.read(rs), EventColumns.REGIME.read(rs),
                EventColumns.RULES_VERSION.read(rs), EventColumns.DOCUMENT_VERSION_IDS.read(rs),
                EventColumns.RECEIVED_AT.read(rs));
    }

    /**
     * {@link #EVENT_COLUMNS} of the rows under {@code alias}, the outcome from {@code outcome}: an
     * event row may name its outcome in the dictionary (V28) rather than hold it.
     */
    static String eventColumns(String alias, String outcome) {
        return Arrays.stream(EVENT_COLUMNS.split(", "))
                .map(c -> c.equals("outcome") ? outcome + " as outcome" : alias + "." + c)
                .collect(Collectors.joining(", "));
    }

    /** The select list of a decision row from the event columns under {@code alias}. */
    private static String decisionOf(String alias) {
        String a = alias + ".";
        return a + "site_id, " + a + "visitor_id, " + a + "id, " + a + "event_id, " + a + "type, " + explicit(alias)
                + ", case when " + a + "outcome_id is null then " + a + "outcome end, " + a + "outcome_id, " + a + "regime, "
                + a + "rules_version, " + a + "document_version_ids, " + a + "received_at, " + a + "retain_until";
    }

    private static String explicit(String alias) {
        return typeIn(alias, type -> type.changesConsent() && !type.implied());
    }

    private static String changesConsent(String alias) {
        return typeIn(alias, EventType::changesConsent);
    }

    private static String typeIn(String alias, Predicate<EventType> which) {
        return Arrays.stream(EventType.values()).filter(which).map(type -> "'" + type.name() + "'")
                .collect(Collectors.joining(", ", alias + ".type in (", ")"));
    }
}
