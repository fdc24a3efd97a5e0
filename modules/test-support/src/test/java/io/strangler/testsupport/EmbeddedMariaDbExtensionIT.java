package io.strangler.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith({EmbeddedMariaDbExtension.class, EmbeddedPostgresExtension.class})
class EmbeddedMariaDbExtensionIT {

    @Test
    void shouldResolveMariaDbAndPostgresDatabasesSideBySide(@MariaDb TestDatabase maria, @Postgres TestDatabase pg)
            throws SQLException {
        assertThat(maria.engine()).isEqualTo("mariadb");
        assertThat(pg.engine()).isEqualTo("postgresql");
        try (Connection connection = maria.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            try (ResultSet rs = statement.executeQuery("SELECT DATABASE(), @@binlog_format, @@binlog_row_image")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(maria.database());
                assertThat(rs.getString(2)).isEqualTo("ROW");
                assertThat(rs.getString(3)).isEqualTo("FULL");
            }
        }
    }
}
