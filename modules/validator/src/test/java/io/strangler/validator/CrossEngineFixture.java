package io.strangler.validator;

import io.strangler.core.mapping.Mappings;
import io.strangler.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Three mapped tables on a PostgreSQL monolith and a MariaDB service, with renamed tables and columns and every key
 * kind the validator orders: bigint, varchar (case- and accent-sensitive on PostgreSQL, case-insensitive collation on
 * MariaDB), uuid ↔ CHAR(36), and a composite key. Both sides start with canonically equal rows.
 */
final class CrossEngineFixture {

    static final String MAPPINGS = """
            mappings:
              - name: orders
                monolith: public.orders
                service: %1$s.purchase
                columns: { status: state, placed_at: placed, vip: is_vip }
                conflict: { strategy: priority, priority: monolith }
              - name: codes
                monolith: public.codes
                service: %1$s.code_list
                columns: { label: title }
              - name: tokens
                monolith: public.tokens
                service: %1$s.tokens
              - name: lines
                monolith: public.order_lines
                service: %1$s.order_line
                columns: { line_no: line }
            """;

    static final int ORDERS = 500;

    private CrossEngineFixture() {
    }

    static Mappings mappings(TestDatabase service) {
        return Mappings.parse("validator-it.yaml", MAPPINGS.formatted(service.database()));
    }

    static void create(TestDatabase monolith, TestDatabase service) throws SQLException {
        try (Connection c = monolith.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("orders", "codes", "tokens", "order_lines")) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, total numeric(12,2) NOT NULL,"
                    + " placed_at timestamptz NOT NULL, vip boolean NOT NULL, currency char(3) NOT NULL, notes text)");
            s.execute("INSERT INTO orders SELECT i, CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'new' END, (i * 1.5)::numeric(12,2),"
                    + " timestamptz '2024-03-01 10:00:00.123456+00' + i * interval '1 minute', i % 7 = 0, 'EUR',"
                    + " CASE WHEN i % 5 = 0 THEN NULL ELSE 'note ' || i END FROM generate_series(1, " + ORDERS + ") i");
            s.execute("CREATE TABLE codes (code varchar(40) PRIMARY KEY, label text NOT NULL)");
            s.execute("INSERT INTO codes VALUES ('alpha', 'A'), ('Bravo', 'B'), ('charlie', 'C'), ('Zulu', 'Z'),"
                    + " ('zz', 'z2'), ('_under', 'U'), ('émile', 'E'), ('Key-7', 'K'), ('10', 'ten'), ('9', 'nine')");
            s.execute("CREATE TABLE tokens (id uuid PRIMARY KEY, owner varchar(20) NOT NULL)");
            s.execute("INSERT INTO tokens SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i * 7919), 12, '0'))::uuid,"
                    + " 'owner' || i FROM generate_series(1, 50) i");
            s.execute("CREATE TABLE order_lines (order_id bigint, line_no smallint, qty integer NOT NULL,"
                    + " PRIMARY KEY (order_id, line_no))");
            s.execute("INSERT INTO order_lines SELECT o, l, o + l FROM generate_series(1, 100) o, generate_series(1, 3) l");
        }
        try (Connection c = service.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("purchase", "code_list", "tokens", "order_line")) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
            s.execute("CREATE TABLE purchase (id BIGINT PRIMARY KEY, state VARCHAR(20) NOT NULL, total DECIMAL(12,2) NOT NULL,"
                    + " placed TIMESTAMP(6) NOT NULL, is_vip TINYINT(1) NOT NULL, currency CHAR(3) NOT NULL, notes TEXT)");
            s.execute("SET time_zone = '+00:00'");
            s.execute("INSERT INTO purchase SELECT seq, IF(seq % 3 = 0, 'paid', 'new'), seq * 1.5,"
                    + " TIMESTAMP'2024-03-01 10:00:00.123456' + INTERVAL seq MINUTE, seq % 7 = 0, 'EUR',"
                    + " IF(seq % 5 = 0, NULL, CONCAT('note ', seq)) FROM seq_1_to_" + ORDERS);
            s.execute("CREATE TABLE code_list (code VARCHAR(40) PRIMARY KEY, title TEXT NOT NULL)"
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
            s.execute("INSERT INTO code_list VALUES ('alpha', 'A'), ('Bravo', 'B'), ('charlie', 'C'), ('Zulu', 'Z'),"
                    + " ('zz', 'z2'), ('_under', 'U'), ('émile', 'E'), ('Key-7', 'K'), ('10', 'ten'), ('9', 'nine')");
            s.execute("CREATE TABLE tokens (id CHAR(36) PRIMARY KEY, owner VARCHAR(20) NOT NULL)");
            s.execute("INSERT INTO tokens SELECT CONCAT('00000000-0000-4000-8000-', LPAD(LOWER(HEX(seq * 7919)), 12, '0')),"
                    + " CONCAT('owner', seq) FROM seq_1_to_50");
            s.execute("CREATE TABLE order_line (order_id BIGINT, line SMALLINT, qty INT NOT NULL, PRIMARY KEY (order_id, line))");
            s.execute("INSERT INTO order_line SELECT o.seq, l.seq, o.seq + l.seq FROM seq_1_to_100 o, seq_1_to_3 l");
        }
    }

    static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static Validator validator(TestDatabase monolith, TestDatabase service) {
        return Validator.create(ConnectionSource.of("monolith", monolith.jdbcUrl(), monolith.user(), monolith.password()),
                ConnectionSource.of("service", service.jdbcUrl(), service.user(), service.password()), mappings(service));
    }
}
