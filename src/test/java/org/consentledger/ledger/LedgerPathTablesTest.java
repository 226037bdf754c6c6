package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.ledger.LedgerPath.ProtectedTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * LedgerPath's lists leave nothing out: every table the migrations made append-only or a ledger
 * source is among its protected tables, as it is, and every migration that defines a trigger
 * function is among the migrations whose functions it checks.
 */
@Tag("database")
@QuarkusTest
class LedgerPathTablesTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyAppendOnlyTableAndLedgerSourceOfTheDatabaseIsProtected() throws SQLException {
        Set<String> appendOnly = new TreeSet<>();
        Map<String, String> feeds = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select r.relname, p.proname, "
                        + "substring(pg_get_triggerdef(t.oid) from ' ON \\S+ (.*)$') "
                        + "from pg_trigger t join pg_class r on r.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid "
                        + "where not t.tgisinternal and not r.relispartition "
                        + "and r.relnamespace = current_schema()::regnamespace "
                        + "and (p.proname = 'refuse_rewrite' or p.proname like 'ledger\\_enqueue\\_%')")) {
            while (rs.next()) {
                if (rs.getString(2).equals("refuse_rewrite")) {
                    appendOnly.add(rs.getString(1));
                } else {
                    feeds.put(rs.getString(1), rs.getString(3));
                }
            }
        }
        assertThat(appendOnly).as("tables with refuse_rewrite() triggers").containsExactlyInAnyOrderElementsOf(
                LedgerPath.TABLES.stream().filter(ProtectedTable::appendOnly).map(ProtectedTable::name).toList());
        assertThat(feeds).as("tables whose rows a trigger queues for the ledger").isEqualTo(
                LedgerPath.TABLES.stream().filter(table -> table.feed() != null)
                        .collect(Collectors.toMap(ProtectedTable::name, ProtectedTable::feed)));
    }

    @Test
    void everyMigrationThatDefinesATriggerFunctionIsChecked() throws IOException {
        Set<String> defining = new TreeSet<>();
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path migration : migrations.toList()) {
                if (Files.readString(migration).toLowerCase().contains("returns trigger")) {
                    defining.add("db/migration/" + migration.getFileName());
                }
            }
        }
        assertThat(defining).as("migrations that define a trigger function").isNotEmpty();
        assertThat(LedgerPath.MIGRATIONS).containsExactlyInAnyOrderElementsOf(defining);
    }
}
