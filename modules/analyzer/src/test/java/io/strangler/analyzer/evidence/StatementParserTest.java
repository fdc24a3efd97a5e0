package io.strangler.analyzer.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementParserTest {

    static final TableName ORDERS = new TableName("public", "orders");
    static final TableName ITEMS = new TableName("public", "order_items");
    static final TableName PRODUCTS = new TableName("public", "products");
    static final TableName MIXED = new TableName("public", "MixedCase");
    static final TableName AUDIT = new TableName("audit", "orders");

    private final StatementParser parser = new StatementParser(
            new TableResolver(List.of(ORDERS, ITEMS, PRODUCTS, MIXED, AUDIT), List.of("public")));

    @Test
    void shouldFindJoinedTablesThroughAliases() {
        StatementTables t = parser.parse("SELECT o.id, p.name FROM orders o JOIN order_items i ON i.order_id = o.id"
                + " JOIN Products AS p ON p.id = i.product_id WHERE o.id = 5");

        assertThat(t.kind()).isEqualTo(StatementKind.DATA);
        assertThat(t.touched()).containsExactlyInAnyOrder(ORDERS, ITEMS, PRODUCTS);
        assertThat(t.written()).isEmpty();
    }

    @Test
    void shouldFindTablesInSubqueriesAndCtesButNotTheCteName() {
        StatementTables t = parser.parse("WITH recent AS (SELECT id FROM orders WHERE placed_at > now())"
                + " SELECT * FROM recent r WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = r.id)");

        assertThat(t.touched()).containsExactlyInAnyOrder(ORDERS, ITEMS);
        assertThat(t.unknown()).doesNotContain("recent");
    }

    @Test
    void shouldTellWrittenFromReadTablesInInsertSelect() {
        StatementTables t = parser.parse("INSERT INTO order_items (order_id, line_no, product_id) "
                + "SELECT o.id, 1, 7 FROM orders o WHERE o.id = 3");

        assertThat(t.touched()).containsExactlyInAnyOrder(ORDERS, ITEMS);
        assertThat(t.written()).containsExactly(ITEMS);
    }

    @Test
    void shouldMatchQuotedNamesExactlyAndUnquotedNamesFolded() {
        assertThat(parser.parse("SELECT * FROM \"MixedCase\"").touched()).containsExactly(MIXED);
        // unquoted: folded first; a name only a case-insensitive match finds still counts (MariaDB's usual settings)
        assertThat(parser.parse("SELECT * FROM mixedcase").touched()).containsExactly(MIXED);
        StatementTables wrongCase = parser.parse("SELECT * FROM \"mixedcase\"");
        assertThat(wrongCase.touched()).isEmpty();
        assertThat(wrongCase.unknown()).containsExactly("\"mixedcase\"");
    }

    @Test
    void shouldPreferTheFoldedNameOverACaseInsensitiveMatch() {
        TableName lower = new TableName("public", "items");
        TableName upper = new TableName("public", "Items");
        StatementParser both = new StatementParser(new TableResolver(List.of(lower, upper), List.of("public")));

        assertThat(both.parse("SELECT * FROM Items").touched()).containsExactly(lower);
        assertThat(both.parse("SELECT * FROM \"Items\"").touched()).containsExactly(upper);
    }

    @Test
    void shouldResolveSchemaQualificationBeforeTheSearchPath() {
        assertThat(parser.parse("UPDATE audit.orders SET x = 1").written()).containsExactly(AUDIT);
        assertThat(parser.parse("DELETE FROM orders WHERE id = 1").written()).containsExactly(ORDERS);
        assertThat(parser.parse("SELECT * FROM public.orders").touched()).containsExactly(ORDERS);
    }

    @Test
    void shouldRecogniseTransactionControlWithoutParsing() {
        assertThat(parser.parse("BEGIN").kind()).isEqualTo(StatementKind.BEGIN);
        assertThat(parser.parse("start transaction isolation level serializable").kind()).isEqualTo(StatementKind.BEGIN);
        assertThat(parser.parse("COMMIT;").kind()).isEqualTo(StatementKind.COMMIT);
        assertThat(parser.parse("ROLLBACK").kind()).isEqualTo(StatementKind.ROLLBACK);
        assertThat(parser.parse("ROLLBACK TO SAVEPOINT a").kind()).isEqualTo(StatementKind.IGNORED);
        assertThat(parser.parse("/* app=shop */ SET search_path = public").kind()).isEqualTo(StatementKind.IGNORED);
        assertThat(parser.parse("-- header\nCREATE TABLE x (id int)").kind()).isEqualTo(StatementKind.IGNORED);
    }

    @Test
    void shouldCountGarbageAsUnparseableWithoutThrowing() {
        assertThat(parser.parse("SELEKT * FRUM orders").kind()).isEqualTo(StatementKind.UNPARSEABLE);
        assertThat(parser.parse("SELECT (((").kind()).isEqualTo(StatementKind.UNPARSEABLE);
    }

    @Test
    void shouldParseNestedParenthesesThatTheComplexModeBacktracksOn() {
        // complex mode alone gave up on this one (budget spent backtracking); simple mode parses it at once
        assertThat(parser.parse("SELECT * FROM orders WHERE id IN ((((((((1))))))))").touched()).containsExactly(ORDERS);
    }

    @Test
    void shouldParsePgStatStatementsPlaceholders() {
        StatementTables t = parser.parse("SELECT * FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id = $1"
                + " LIMIT $2");

        assertThat(t.touched()).containsExactlyInAnyOrder(ORDERS, ITEMS);
    }

    @Test
    void shouldGiveTheSameShapeToTheSameQueryWithOtherLiterals() {
        assertThat(StatementShape.of("SELECT * FROM t1 WHERE id = 42 AND name = 'it''s'"))
                .isEqualTo(StatementShape.of("SELECT  *  FROM t1 WHERE id = 7 AND name = 'x'"))
                .isEqualTo("SELECT * FROM t1 WHERE id = ? AND name = ?");
    }
}
