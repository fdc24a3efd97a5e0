package io.strangler.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every test class gets from {@link EmbeddedPostgresExtension}: one database of its own at every injection
 * point. Run by two concrete classes so that "of its own" is checked against another class.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
abstract class PostgresClassFixtureContract {

    private final TestDatabase fromConstructor;
    private TestDatabase fromBeforeEach;
    @Postgres
    private TestDatabase fromField;

    PostgresClassFixtureContract(TestDatabase db) {
        this.fromConstructor = db;
    }

    @BeforeAll
    static void rememberDatabase(@Postgres TestDatabase db, TestInfo info) {
        DatabaseRegistry.POSTGRES.put(info.getTestClass().orElseThrow(), db);
    }

    @BeforeEach
    void rememberEachDatabase(@Postgres TestDatabase db) {
        fromBeforeEach = db;
    }

    @Test
    void shouldInjectTheSameClassDatabaseAtEveryInjectionPoint(@Postgres TestDatabase db) {
        assertThat(db).isEqualTo(DatabaseRegistry.POSTGRES.get(getClass())).isEqualTo(fromConstructor)
                .isEqualTo(fromBeforeEach).isEqualTo(fromField);
    }

    @Test
    void shouldConnectAsAReplicationCapableOwner(@Postgres TestDatabase db) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id int PRIMARY KEY)");
            try (ResultSet rs = statement.executeQuery(
                    "SELECT rolreplication, current_database() FROM pg_roles WHERE rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getString(2)).isEqualTo(db.database());
            }
        }
    }

    @Test
    void shouldGetADatabaseOtherClassesDoNotShare(@Postgres TestDatabase db) {
        DatabaseRegistry.POSTGRES.forEach((type, other) -> {
            if (type != getClass()) {
                assertThat(other.database()).isNotEqualTo(db.database());
            }
        });
        assertThat(db.database()).startsWith("t_" + getClass().getSimpleName().toLowerCase(Locale.ROOT) + "_");
    }
}
