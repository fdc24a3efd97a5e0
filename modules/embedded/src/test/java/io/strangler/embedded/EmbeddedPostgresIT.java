package io.strangler.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresIT {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startServer() {
        postgres = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults());
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @Test
    void shouldRunPostgres17WithLogicalWalAndSynchronousCommit() throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.superuserJdbcUrl());
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "server_version")).startsWith("17.");
            assertThat(setting(statement, "wal_level")).isEqualTo("logical");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            // the JDBC driver overrides the session TimeZone with the JVM's, log_timezone shows the server's
            assertThat(setting(statement, "log_timezone")).isEqualTo("UTC");
            assertThat(setting(statement, "server_encoding")).isEqualTo("UTF8");
            assertThat(Integer.parseInt(setting(statement, "max_replication_slots"))).isGreaterThanOrEqualTo(20);
        }
        assertThat(postgres.startupMillis()).isPositive();
    }

    @Test
    void shouldDecodeACommittedInsertThroughPgoutput() throws SQLException {
        // Given a database whose owner may replicate, with a table in a publication and a pgoutput slot
        DatabaseInfo db = postgres.createDatabase("decode_test");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customer (id bigint PRIMARY KEY, name text NOT NULL)");
            statement.execute("CREATE PUBLICATION pub FOR TABLE customer");
            statement.execute("SELECT pg_create_logical_replication_slot('slot1', 'pgoutput')");

            // When
            statement.execute("INSERT INTO customer VALUES (1, 'Ada Lovelace-7f3a')");

            // Then
            ByteArrayOutputStream changes = new ByteArrayOutputStream();
            try (ResultSet rs = statement.executeQuery("SELECT data FROM pg_logical_slot_peek_binary_changes("
                    + "'slot1', NULL, NULL, 'proto_version', '1', 'publication_names', 'pub')")) {
                while (rs.next()) {
                    changes.writeBytes(rs.getBytes(1));
                }
            }
            assertThat(new String(changes.toByteArray(), StandardCharsets.ISO_8859_1)).contains("Ada Lovelace-7f3a");
            statement.execute("SELECT pg_drop_replication_slot('slot1')");
        }
    }

    @Test
    void shouldRejectAWrongPasswordForCreatedUsers() {
        DatabaseInfo db = postgres.createDatabase("password_test");
        DatabaseInfo wrong = new DatabaseInfo(db.engine(), db.host(), db.port(), db.database(), db.user(), "wrong");

        assertThatThrownBy(wrong::connect).isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThat(db.toString()).doesNotContain(db.password());
    }

    @Test
    void shouldRefuseAnOccupiedPortWithAClearMessage() throws IOException {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = occupied.getLocalPort();

            assertThatThrownBy(() -> EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults().withPort(port)))
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("port " + port + " is already in use");
        }
    }

    @Test
    void shouldRefuseAnUnwritableBaseDirNamingThePath(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Path baseDir = file.resolve("pg");

        assertThatThrownBy(() -> EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults().withBaseDir(baseDir)))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageContaining(baseDir.toString());
    }

    @Test
    void shouldStopTheServerAndDeleteItsDirectoryOnClose() {
        // Given
        EmbeddedPostgres second = EmbeddedPostgres.start();
        long pid = second.pid();

        // When
        second.close();

        // Then
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThatThrownBy(() -> DriverManager.getConnection(second.superuserJdbcUrl()).close())
                .isInstanceOf(SQLException.class);
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
