package org.consentledger.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks that records still reach the ledger the way the migrations built it: the trigger
 * functions have the bodies the migrations gave them, the triggers on the recorded tables and the
 * ledger's own tables are exactly the ones the migrations made and are enabled, and no rewrite
 * rule sits on them. A superuser can replace any of these to keep new records out of the ledger.
 */
@ApplicationScoped
public class LedgerPath implements LedgerAlarm {

    static final String ALARM = "ledger-path";

    /** The migrations that define the ledger's path; a later definition of a function wins. */
    static final List<String> MIGRATIONS = List.of("db/migration/V2__append_only_ledger.sql",
            "db/migration/V5__jurisdiction_rules.sql", "db/migration/V6__languages.sql",
            "db/migration/V8__rendered_notice.sql", "db/migration/V10__retention.sql",
            "db/migration/V16__ledger_table_helpers.sql", "db/migration/V25__event_key_holds_row_id.sql",
            "db/migration/V27__writer_claims_and_queues.sql", "db/migration/V30__event_keys_by_site.sql",
            "db/migration/V34__webhook_records_queued_per_statement.sql");

    /**
     * A table on the ledger's path, as the migrations made it. No trigger or rule may be added to
     * it. An append-only one keeps its {@code _append_only} and {@code _no_truncate} triggers on
     * refuse_rewrite() (V2, or make_append_only() from V16); a ledger source keeps its
     * {@code _to_ledger} trigger after insert, {@code feed} being the rest of its definition as
     * PostgreSQL prints it.
     */
    record ProtectedTable(String name, boolean appendOnly, String feed) {

        /** A source whose row trigger queues each row: {@code ledger_enqueue_record('kind')} from V16 on. */
        static ProtectedTable source(String name, String function) {
            return new ProtectedTable(name, true, "FOR EACH ROW EXECUTE FUNCTION " + function);
        }

        /**
         * A source whose statement trigger queues the rows: {@code ledger_enqueue_inserted('kind')} from
         * V34 on, or, for consent_event, what a writer other than the service's left out (V27).
         */
        static ProtectedTable statementSource(String name, String transitionTable, String function) {
            return new ProtectedTable(name, true, "REFERENCING NEW TABLE AS " + transitionTable
                    + " FOR EACH STATEMENT EXECUTE FUNCTION " + function);
        }

        static ProtectedTable appendOnly(String name) {
            return new ProtectedTable(name, true, null);
        }
    }

    /** Every table on the ledger's path. A migration that adds one adds it here too. */
    static final List<ProtectedTable> TABLES = List.of(
            ProtectedTable.statementSource("consent_event", "inserted_events", "ledger_enqueue_events_left_out()"),
            ProtectedTable.source("policy_version", "ledger_enqueue_policy_version()"),
            ProtectedTable.source("admin_log", "ledger_enqueue_admin_log()"),
            new ProtectedTable("ledger_queue", false, null),
            ProtectedTable.appendOnly("ledger_leaf"),
            ProtectedTable.appendOnly("ledger_node"),
            ProtectedTable.appendOnly("ledger_checkpoint"),
            ProtectedTable.appendOnly("ledger_cosignature"),
            ProtectedTable.source("jurisdiction_rules", "ledger_enqueue_jurisdiction_rules()"),
            ProtectedTable.source("policy_translation", "ledger_enqueue_policy_translation()"),
            ProtectedTable.source("banner_text_set", "ledger_enqueue_banner_text_set()"),
            ProtectedTable.source("rendered_notice", "ledger_enqueue_rendered_notice()"),
            ProtectedTable.appendOnly("consent_event_key"),
            ProtectedTable.appendOnly("legacy_event_key"),
            ProtectedTable.appendOnly("retention_purge"),
            ProtectedTable.appendOnly("retention_purge_site"),
            ProtectedTable.source("identity_event", "ledger_enqueue_record('identity_event')"),
            ProtectedTable.statementSource("webhook_delivery_record", "inserted_rows",
                    "ledger_enqueue_inserted('webhook_delivery')"));

    private static final List<String> GUARDED = TABLES.stream().map(ProtectedTable::name).toList();

    private static final Pattern FUNCTION = Pattern.compile(
            "create (?:or replace )?function (\\w+)\\(\\)[^$]*\\$\\$(.*?)\\$\\$", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    /** A function a later migration dropped (V27 drops the row triggers' functions it replaced). */
    private static final Pattern DROPPED = Pattern.compile("^drop function (\\w+)\\(\\);",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    @Inject DataSource dataSource;
    private final LatchedAlarm alarm = new LatchedAlarm();
    private final Map<String, String> functions = expectedFunctions();
    private final Map<String, String> triggers = expectedTriggers();

    /** Raises the ledger-path alarm, naming every difference, when the path is not as the migrations made it. */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> bodies = functionBodies(c, List.copyOf(functions.keySet()));
            functions.forEach((name, body) -> {
                if (!bodies.containsKey(name)) {
                    problems.add("function " + name + "() is missing");
                } else if (!body.equals(bodies.get(name))) {
                    problems.add("function " + name + "() is not the one the migrations made");
                }
            });
            Map<String, String> found = triggers(c);
            triggers.forEach((name, definition) -> {
                String actual = found.remove(name);
                if (actual == null) {
                    problems.add("trigger " + name + " is missing");
                } else if (!actual.equals(definition)) {
                    problems.add("trigger " + name + " is not the one the migrations made, or is disabled: " + actual);
                }
            });
            found.keySet().forEach(name -> problems.add("trigger " + name + " was added to a ledger table"));
            rules(c).forEach(rule -> problems.add("rule " + rule + " was added to a ledger table"));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the ledger's path", e);
        }
        if (!problems.isEmpty()) {
            alarm.raise("Records may be kept out of the ledger: " + String.join("; ", problems));
        }
        return problems;
    }

    @Override
    public String name() {
        return ALARM;
    }

    @Override
    public Optional<String> raised() {
        return alarm.reason();
    }

    private static Map<String, String> functionBodies(Connection c, List<String> names) throws SQLException {
        Map<String, String> bodies = new TreeMap<>();
        query(c, "select p.proname, p.prosrc from pg_proc p where p.pronamespace = current_schema()::regnamespace "
                + "and p.proname = any(?)", names, rs -> bodies.put(rs.getString(1), rs.getString(2)));
        return bodies;
    }

    /** Each trigger on the guarded tables, as "ENABLED-FLAG definition" with the schema left out. */
    private static Map<String, String> triggers(Connection c) throws SQLException {
        Map<String, String> found = new TreeMap<>();
        query(c, "select t.tgname, t.tgenabled, replace(pg_get_triggerdef(t.oid), current_schema() || '.', '') "
                + "from pg_trigger t join pg_class r on r.oid = t.tgrelid where not t.tgisinternal "
                + "and r.relnamespace = current_schema()::regnamespace and r.relname = any(?)", GUARDED,
                rs -> found.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3)));
        return found;
    }

    private static List<String> rules(Connection c) throws SQLException {
        List<String> rules = new ArrayList<>();
        query(c, "select rulename from pg_rules where schemaname = current_schema() and tablename = any(?)", GUARDED,
                rs -> rules.add(rs.getString(1)));
        return rules;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<String> names, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    /** "O" is PostgreSQL's flag for a trigger that fires in the normal (origin) replication role. */
    private static Map<String, String> expectedTriggers() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (ProtectedTable table : TABLES) {
            String name = table.name();
            if (table.feed() != null) {
                expected.put(name + "_to_ledger", "O CREATE TRIGGER " + name + "_to_ledger AFTER INSERT ON " + name
                        + " " + table.feed());
            }
            if (table.appendOnly()) {
                expected.put(name + "_append_only", "O CREATE TRIGGER " + name + "_append_only BEFORE DELETE OR UPDATE ON "
                        + name + " FOR EACH ROW EXECUTE FUNCTION refuse_rewrite()");
                expected.put(name + "_no_truncate", "O CREATE TRIGGER " + name + "_no_truncate BEFORE TRUNCATE ON " + name
                        + " FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite()");
            }
        }
        return expected;
    }

    private static Map<String, String> expectedFunctions() {
        Map<String, String> bodies = new TreeMap<>();
        for (String migration : MIGRATIONS) {
            Matcher m = FUNCTION.matcher(read(migration));
            while (m.find()) {
                bodies.put(m.group(1), m.group(2));
            }
            Matcher dropped = DROPPED.matcher(read(migration));
            while (dropped.find()) {
                bodies.remove(dropped.group(1));
            }
        }
        return bodies;
    }

    private static String read(String resource) {
        try (InputStream in = LedgerPath.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
