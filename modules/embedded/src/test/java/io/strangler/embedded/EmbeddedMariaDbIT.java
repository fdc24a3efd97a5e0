package io.strangler.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMariaDbIT {

    private static EmbeddedMariaDb maria;

    @BeforeAll
    static void startServer() {
        maria = EmbeddedMariaDb.start(EmbeddedMariaDb.Options.defaults());
    }

    @AfterAll
    static void stopServer() {
        maria.close();
    }

    @Test
    void shouldRunMariaDb114WithRowBinlogAndFullRowImage() throws SQLException {
        DatabaseInfo db = maria.createDatabase("settings_test");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            assertThat(variable(statement, "version")).startsWith("11.4");
            assertThat(variable(statement, "log_bin")).isEqualTo("1");
            assertThat(variable(statement, "binlog_format")).isEqualTo("ROW");
            assertThat(variable(statement, "binlog_row_image")).isEqualTo("FULL");
        }
        assertThat(maria.startupMillis()).isPositive();
    }

    @Test
    void shouldRecordAnInsertAsWriteRowsEventInTheBinlog() throws SQLException {
        // Given
        DatabaseInfo db = maria.createDatabase("binlog_test");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            String binlogFile;
            try (ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
                assertThat(rs.next()).isTrue();
                binlogFile = rs.getString("File");
            }

            // When
            statement.execute("INSERT INTO customer VALUES (1, 'Grace Hopper')");

            // Then
            List<String> eventTypes = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SHOW BINLOG EVENTS IN '" + binlogFile + "'")) {
                while (rs.next()) {
                    eventTypes.add(rs.getString("Event_type"));
                }
            }
            assertThat(eventTypes).contains("Table_map", "Write_rows_v1");
        }
    }

    @Test
    void shouldGiveCreatedUsersTheirOwnPassword() {
        DatabaseInfo db = maria.createDatabase("password_test");
        DatabaseInfo wrong = new DatabaseInfo(db.engine(), db.host(), db.port(), db.database(), db.user(), "wrong");

        assertThatThrownBy(wrong::connect).isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThat(db.toString()).doesNotContain(db.password());
    }

    private static String variable(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT @@" + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
