package io.strangler.testsupport.sample;

import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleEngine;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleTable;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class SampleMonolithIT {

    private static final long SEED = 20_261_125L;
    private static final int N = 200;
    private static final SampleDataGenerator GENERATOR = new SampleDataGenerator(SEED, N);

    private static TestDatabase postgres;
    private static TestDatabase mariadb;
    private static Map<String, Long> postgresCounts;
    private static Map<String, Long> mariadbCounts;

    @BeforeAll
    static void createAndFillBothEngines(@Postgres TestDatabase pg, @MariaDb TestDatabase maria) throws SQLException {
        postgres = pg;
        mariadb = maria;
        try (Connection connection = pg.connect()) {
            SampleMonolith.createSchema(connection);
            postgresCounts = GENERATOR.generate(connection);
        }
        try (Connection connection = maria.connect()) {
            SampleMonolith.createSchema(connection);
            mariadbCounts = GENERATOR.generate(connection);
        }
    }

    @Test
    void shouldDetectTheEngineFromTheConnection() throws SQLException {
        try (Connection pg = postgres.connect(); Connection maria = mariadb.connect()) {
            assertThat(SampleEngine.of(pg)).isEqualTo(SampleEngine.POSTGRESQL);
            assertThat(SampleEngine.of(maria)).isEqualTo(SampleEngine.MARIADB);
        }
    }

    @Test
    void shouldCreateTablesWithTheColumnsOfTheMetadata() throws SQLException {
        // Given the schema created on both engines
        Map<String, List<String>> expected = new LinkedHashMap<>();
        SampleMonolith.tables().forEach(t -> expected.put(t.name(), t.columnNames()));

        // When reading the columns the databases report
        Map<String, List<String>> onPostgres = columns(postgres, "current_schema()");
        Map<String, List<String>> onMariaDb = columns(mariadb, "DATABASE()");

        // Then both match the metadata
        assertThat(onPostgres).containsExactlyEntriesOf(expected);
        assertThat(onMariaDb).containsExactlyEntriesOf(expected);
    }

    @Test
    void shouldInsertAndReportTheGeneratedRowCounts() throws SQLException {
        // Given the counts the generator's streams produce without a database
        Map<String, Long> expected = new LinkedHashMap<>();
        SampleMonolith.tableNames().forEach(t -> expected.put(t, GENERATOR.rows(t).count()));

        // Then generate() reported them and the tables hold them, on both engines
        assertThat(postgresCounts).containsExactlyEntriesOf(expected);
        assertThat(mariadbCounts).containsExactlyEntriesOf(expected);
        try (Connection pg = postgres.connect(); Connection maria = mariadb.connect()) {
            assertThat(SampleChecks.rowCounts(pg)).containsExactlyEntriesOf(expected);
            assertThat(SampleChecks.rowCounts(maria)).containsExactlyEntriesOf(expected);
        }
        assertThat(expected).containsEntry("customers", (long) N).containsEntry("orders", (long) N);
    }

    @Test
    void shouldLeaveNoOrphanRows() throws SQLException {
        try (Connection pg = postgres.connect(); Connection maria = mariadb.connect()) {
            assertThat(SampleChecks.orphanCounts(pg)).isNotEmpty().allSatisfy((fk, n) -> assertThat(n).as(fk).isZero());
            assertThat(SampleChecks.orphanCounts(maria)).allSatisfy((fk, n) -> assertThat(n).as(fk).isZero());
        }
    }

    @Test
    void shouldStoreIdenticalCanonicalDataOnPostgresAndMariaDb() throws SQLException {
        try (Connection pg = postgres.connect(); Connection maria = mariadb.connect()) {
            for (SampleTable table : SampleMonolith.tables()) {
                // Given what the generator meant to write
                List<List<Object>> expected = CanonicalReader.comparable(
                        GENERATOR.canonicalRows(table.name()).toList());

                // When reading both engines back, ordered by primary key
                List<List<Object>> onPostgres = CanonicalReader.read(pg, SampleEngine.POSTGRESQL, table);
                List<List<Object>> onMariaDb = CanonicalReader.read(maria, SampleEngine.MARIADB, table);

                // Then both hold exactly that, value for value
                assertThat(onPostgres).as("PostgreSQL " + table.name()).containsExactlyElementsOf(expected);
                assertThat(onMariaDb).as("MariaDB " + table.name()).containsExactlyElementsOf(onPostgres);
            }
        }
    }

    private static Map<String, List<String>> columns(TestDatabase db, String schemaExpression) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        String sql = "SELECT column_name FROM information_schema.columns WHERE table_schema = " + schemaExpression
                + " AND table_name = ? ORDER BY ordinal_position";
        try (Connection connection = db.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String table : SampleMonolith.tableNames()) {
                statement.setString(1, table);
                List<String> names = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                columns.put(table, names);
            }
        }
        return columns;
    }
}
