package io.strangler.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analyzer reads whole monolith schemas: every table's keys and constraints must come back from the
 * per-schema queries. The read time is logged, not asserted (speed is measured in perf/).
 */
@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class CatalogReaderWideSchemaIT {

    private static final Logger LOGGER = LoggerFactory.getLogger(CatalogReaderWideSchemaIT.class);
    private static final int TABLES = 150;

    @Test
    void shouldReadEveryTableOfAWidePostgresSchema(@Postgres TestDatabase pg) throws SQLException {
        // Given
        createTables(pg, "bigint PRIMARY KEY", "varchar(100) NOT NULL UNIQUE", "numeric(10,2) CHECK (c3 >= 0)");

        // When
        Catalog catalog = timedRead(pg);

        // Then
        assertThat(catalog.tables()).hasSize(TABLES);
        assertThat(catalog.tables()).allSatisfy(table -> {
            assertThat(table.columns()).hasSize(4);
            assertThat(table.primaryKey()).containsExactly("c1");
            assertThat(table.uniqueConstraints()).hasSize(1);
            assertThat(table.checkConstraints()).hasSize(1);
        });
        assertThat(catalog.table("public", "t_149").orElseThrow().foreignKeys()).singleElement()
                .satisfies(fk -> assertThat(fk.referencedTable()).isEqualTo("t_148"));
    }

    @Test
    void shouldReadEveryTableOfAWideMariaDbSchema(@MariaDb TestDatabase maria) throws SQLException {
        // Given
        createTables(maria, "BIGINT PRIMARY KEY", "VARCHAR(100) NOT NULL UNIQUE", "DECIMAL(10,2) CHECK (c3 >= 0)");

        // When
        Catalog catalog = timedRead(maria);

        // Then
        assertThat(catalog.tables()).hasSize(TABLES);
        assertThat(catalog.tables()).allSatisfy(table -> {
            assertThat(table.columns()).hasSize(4);
            assertThat(table.primaryKey()).containsExactly("c1");
            assertThat(table.uniqueConstraints()).hasSize(1);
            assertThat(table.checkConstraints()).hasSize(1);
        });
        assertThat(catalog.table(maria.database(), "t_149").orElseThrow().foreignKeys()).singleElement()
                .satisfies(fk -> assertThat(fk.referencedTable()).isEqualTo("t_148"));
    }

    private static Catalog timedRead(TestDatabase database) throws SQLException {
        long start = System.nanoTime();
        Catalog catalog = SampleSchemas.read(database);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOGGER.info("Read {} tables from {} in {} ms", catalog.tables().size(), database.engine(), elapsed.toMillis());
        return catalog;
    }

    private static void createTables(TestDatabase database, String c1, String c2, String c3) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < TABLES; i++) {
                String foreignKey = i == 0 ? "" : ", c4 bigint REFERENCES t_" + (i - 1) + " (c1)";
                statement.addBatch("CREATE TABLE t_" + i + " (c1 " + c1 + ", c2 " + c2 + ", c3 " + c3
                        + (i == 0 ? ", c4 bigint" : foreignKey) + ")");
            }
            statement.executeBatch();
        }
    }
}
