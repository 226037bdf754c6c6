package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.consentledger.support.MigratedSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Migration V24 on a ledger written before it: nodes below level 4 go, the rest stay append-only. */
@Tag("database")
@QuarkusTest
class SparseTreeMigrationTest {

    private final MigratedSchema migrated = new MigratedSchema("sparse");

    @AfterEach
    void dropTheSchema() throws SQLException {
        migrated.drop();
    }

    @Test
    void theLowerThreeLevelsAreDeletedAndTheTableIsAppendOnlyAgain() throws Exception {
        migrated.migrate("23");
        try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
            s.execute("insert into ledger_node (level, index, hash) select level, index, '\\x00'::bytea "
                    + "from generate_series(1, 5) level, generate_series(0, 1) index");
        }

        migrated.migrate(null);

        try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
            assertThat(nodes(s)).containsExactly("4/0", "4/1", "5/0", "5/1");
            assertThatThrownBy(() -> s.execute("delete from ledger_node")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    private static List<String> nodes(Statement s) throws SQLException {
        List<String> nodes = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select level, index from ledger_node order by level, index")) {
            while (rs.next()) {
                nodes.add(rs.getInt(1) + "/" + rs.getLong(2));
            }
        }
        return nodes;
    }
}
