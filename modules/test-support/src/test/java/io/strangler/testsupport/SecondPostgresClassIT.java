package io.strangler.testsupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedPostgresExtension.class)
class SecondPostgresClassIT {

    private static TestDatabase fromBeforeAll;
    private final TestDatabase fromConstructor;
    private TestDatabase fromBeforeEach;
    @Postgres
    private TestDatabase fromField;

    SecondPostgresClassIT(@Postgres TestDatabase db) {
        this.fromConstructor = db;
    }

    @BeforeAll
    static void rememberDatabase(@Postgres TestDatabase db) {
        fromBeforeAll = db;
        DatabaseRegistry.POSTGRES.put(SecondPostgresClassIT.class, db);
    }

    @BeforeEach
    void rememberEachDatabase(@Postgres TestDatabase db) {
        fromBeforeEach = db;
    }

    @Test
    void shouldInjectTheSameClassDatabaseAtEveryInjectionPoint(@Postgres TestDatabase db) {
        assertThat(db).isEqualTo(fromBeforeAll).isEqualTo(fromConstructor).isEqualTo(fromBeforeEach)
                .isEqualTo(fromField);
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
            if (type != SecondPostgresClassIT.class) {
                assertThat(other.database()).isNotEqualTo(db.database());
            }
        });
        assertThat(db.database()).startsWith("t_secondpostgresclassit_");
    }
}
