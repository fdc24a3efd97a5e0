package io.strangler.analyzer.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlLogReaderTest {

    static final TableName ORDERS = new TableName("public", "orders");
    static final TableName ITEMS = new TableName("public", "order_items");
    static final TableName PAYMENTS = new TableName("public", "payments");

    @TempDir
    Path dir;

    private WorkloadEvidence read(String name, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        StatementParser parser = new StatementParser(new TableResolver(List.of(ORDERS, ITEMS, PAYMENTS), List.of("public")));
        return SqlLogReader.read(file, null, parser, ParseProgress.NONE);
    }

    @Test
    void shouldReadAPlainSqlFileWithTransactionsCommentsAndSeveralStatementsPerLine() throws Exception {
        WorkloadEvidence evidence = read("w.sql", """
                -- checkout
                BEGIN; INSERT INTO orders (id) VALUES (1); /* a comment; with a semicolon */
                INSERT INTO order_items (order_id, note) VALUES (1, 'a;b');
                INSERT INTO payments (order_id) VALUES (1);
                COMMIT;
                SELECT * FROM orders o
                  JOIN order_items i ON i.order_id = o.id;
                BEGIN; UPDATE payments SET x = 1; ROLLBACK;
                UPDATE orders SET status = 'paid' WHERE id = 1;
                """);

        assertThat(evidence.stats().statements()).isEqualTo(10);
        assertThat(evidence.stats().unparseable()).isZero();
        assertThat(evidence.stats().rolledBack()).isEqualTo(1);
        assertThat(evidence.transactions()).containsExactlyInAnyOrder(
                new TransactionPattern(List.of(ITEMS, ORDERS, PAYMENTS), 1), new TransactionPattern(List.of(ORDERS), 1));
        assertThat(evidence.queries()).anySatisfy(q -> {
            assertThat(q.tables()).containsExactly(ITEMS, ORDERS);
            assertThat(q.calls()).isEqualTo(1);
        });
    }

    @Test
    void shouldReadAPostgresStatementLogPerSessionWithMultiLineStatements() throws Exception {
        WorkloadEvidence evidence = read("postgresql.log", """
                2026-12-07 01:00:00.001 UTC [101] LOG:  statement: BEGIN
                2026-12-07 01:00:00.002 UTC [202] LOG:  statement: BEGIN
                2026-12-07 01:00:00.003 UTC [101] LOG:  statement: INSERT INTO orders (id) VALUES (1)
                2026-12-07 01:00:00.004 UTC [202] LOG:  execute <unnamed>: UPDATE payments SET captured = true WHERE id = $1
                2026-12-07 01:00:00.004 UTC [202] DETAIL:  parameters: $1 = '5'
                2026-12-07 01:00:00.005 UTC [101] LOG:  statement: INSERT INTO order_items (order_id)
                \tVALUES (1)
                2026-12-07 01:00:00.006 UTC [101] LOG:  statement: COMMIT
                2026-12-07 01:00:00.007 UTC [202] LOG:  duration: 0.120 ms  statement: COMMIT
                2026-12-07 01:00:00.008 UTC [303] LOG:  duration: 1.500 ms  statement: SELECT * FROM orders o JOIN order_items i ON i.order_id = o.id
                2026-12-07 01:00:00.009 UTC [303] LOG:  connection authorized: user=shop
                """);

        assertThat(evidence.stats().unparseable()).isZero();
        assertThat(evidence.transactions()).containsExactlyInAnyOrder(
                new TransactionPattern(List.of(ITEMS, ORDERS), 1), new TransactionPattern(List.of(PAYMENTS), 1));
        assertThat(evidence.queries()).anySatisfy(q -> {
            assertThat(q.tables()).containsExactly(ITEMS, ORDERS);
            assertThat(q.totalMillis()).isEqualTo(1.5);
        });
    }

    @Test
    void shouldReadAMySqlGeneralLogPerThread() throws Exception {
        WorkloadEvidence evidence = read("general.log", """
                /usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:
                Time                 Id Command    Argument
                2026-12-07T01:00:00.000001Z\t   12 Connect\tshop@localhost on shop using TCP/IP
                2026-12-07T01:00:00.000002Z\t   12 Query\tSTART TRANSACTION
                2026-12-07T01:00:00.000003Z\t   13 Query\tSELECT * FROM payments
                2026-12-07T01:00:00.000004Z\t   12 Query\tINSERT INTO orders (id) VALUES (1)
                2026-12-07T01:00:00.000005Z\t   12 Query\tINSERT INTO payments (order_id) VALUES (1)
                2026-12-07T01:00:00.000006Z\t   12 Query\tCOMMIT
                2026-12-07T01:00:00.000007Z\t   12 Quit\t
                """);

        assertThat(evidence.transactions()).containsExactly(new TransactionPattern(List.of(ORDERS, PAYMENTS), 1));
        assertThat(evidence.stats().statements()).isEqualTo(5);
    }

    @Test
    void shouldReadOneStatementPerLineWithoutTerminators() throws Exception {
        WorkloadEvidence evidence = read("lines.txt", """
                SELECT * FROM orders o JOIN payments p ON p.order_id = o.id
                SELECT * FROM orders o JOIN payments p ON p.order_id = o.id
                """);

        assertThat(evidence.queries()).singleElement().satisfies(q -> {
            assertThat(q.tables()).containsExactly(ORDERS, PAYMENTS);
            assertThat(q.calls()).isEqualTo(2);
        });
    }

    @Test
    void shouldCountUnparseableStatementsAndKeepTheRest() throws Exception {
        WorkloadEvidence evidence = read("mixed.sql", """
                SELECT * FROM orders o JOIN order_items i ON i.order_id = o.id;
                SELEKT nonsense FRUM here;
                SELECT * FROM orders o JOIN order_items i ON i.order_id = o.id;
                """);

        assertThat(evidence.stats().unparseable()).isEqualTo(1);
        assertThat(evidence.stats().unparseableSamples()).containsExactly("SELEKT nonsense FRUM here");
        assertThat(evidence.notes()).singleElement().asString().contains("1 of 3 statements could not be parsed");
        assertThat(evidence.queries()).singleElement().extracting(QueryPattern::calls).isEqualTo(2L);
    }

    @Test
    void shouldExplainAFileInAnUnknownFormatAndGiveNoEvidence() throws Exception {
        WorkloadEvidence evidence = read("photo.txt", """
                lorem ipsum dolor sit amet
                consectetur adipiscing elit
                """);

        assertThat(evidence.queries()).isEmpty();
        assertThat(evidence.notes()).singleElement().asString().contains("photo.txt: not a format the analyzer knows");
    }

    @Test
    void shouldKeepTheStatementsOfAFileWithBytesThatAreNotUtf8() throws Exception {
        byte[] latin1 = "SELECT * FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.note = 'caf\u00e9';\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin1.sql"), latin1);

        WorkloadEvidence evidence = SqlLogReader.read(file, null, new StatementParser(
                new TableResolver(List.of(ORDERS, ITEMS, PAYMENTS), List.of("public"))), ParseProgress.NONE);

        assertThat(evidence.queries()).singleElement().extracting(QueryPattern::tables).isEqualTo(List.of(ORDERS, PAYMENTS));
    }

    @Test
    void shouldDropTransactionsWithoutCommitAndSaySo() throws Exception {
        WorkloadEvidence evidence = read("cut.sql", "BEGIN;\nINSERT INTO orders (id) VALUES (1);\n"
                + "INSERT INTO payments (order_id) VALUES (1);\n");

        assertThat(evidence.transactions()).isEmpty();
        assertThat(evidence.stats().unterminated()).isEqualTo(1);
        assertThat(evidence.notes()).singleElement().asString().contains("no COMMIT");
    }
}
