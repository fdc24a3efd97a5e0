package io.strangler.core.catalog;

import io.strangler.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A small shop schema on both engines: a PostgreSQL monolith and a MariaDB service, for catalogue and mapping ITs. */
public final class SampleSchemas {

    public static final List<String> POSTGRES_MONOLITH = List.of(
            "CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped')",
            "CREATE TABLE customers (id bigserial PRIMARY KEY, email varchar(200) NOT NULL UNIQUE, name text)",
            """
            CREATE TABLE orders (
              id bigint GENERATED ALWAYS AS IDENTITY,
              line int NOT NULL,
              customer_id bigint NOT NULL,
              status order_status NOT NULL DEFAULT 'new',
              total numeric(12,2) NOT NULL CONSTRAINT total_not_negative CHECK (total >= 0),
              paid boolean,
              created_at timestamptz NOT NULL DEFAULT now(),
              external_id uuid,
              attrs jsonb,
              PRIMARY KEY (id, line),
              CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
              CONSTRAINT orders_external_key UNIQUE (external_id)
            )""",
            "CREATE UNIQUE INDEX orders_customer_line ON orders (customer_id, line)",
            "CREATE TABLE audit_log (at timestamp, message text)");

    public static final List<String> MARIADB_SERVICE = List.of(
            """
            CREATE TABLE customer (
              id BIGINT AUTO_INCREMENT PRIMARY KEY,
              email VARCHAR(200) NOT NULL,
              full_name TEXT,
              size ENUM('s', 'it''s') NULL,
              UNIQUE KEY customer_email (email)
            )""",
            """
            CREATE TABLE purchase_order (
              id BIGINT NOT NULL,
              line INT NOT NULL,
              buyer_id BIGINT NOT NULL,
              status ENUM('new', 'paid', 'shipped') NOT NULL DEFAULT 'new',
              amount DECIMAL(12,2) NOT NULL,
              paid TINYINT(1),
              created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
              external_id UUID,
              attrs JSON,
              PRIMARY KEY (id, line),
              CONSTRAINT po_buyer_fk FOREIGN KEY (buyer_id) REFERENCES customer (id) ON DELETE RESTRICT,
              CONSTRAINT amount_not_negative CHECK (amount >= 0)
            )""",
            "CREATE TABLE customer_legacy (id BIGINT PRIMARY KEY, email DATETIME NOT NULL, name TEXT)",
            "CREATE TABLE audit (at DATETIME, message TEXT)",
            """
            CREATE TABLE order_note (
              id BIGINT PRIMARY KEY,
              order_id BIGINT,
              order_line INT,
              CONSTRAINT note_order_fk FOREIGN KEY (order_id, order_line) REFERENCES purchase_order (id, line)
                ON DELETE CASCADE
            )""");

    private SampleSchemas() {
    }

    public static void create(TestDatabase database, List<String> statements) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    public static Catalog read(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            return database.engine().equals("postgresql")
                    ? CatalogReader.read(connection, List.of("public"))
                    : CatalogReader.read(connection);
        }
    }
}
