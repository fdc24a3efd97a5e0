package io.strangler.validator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.catalog.ForeignKey;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignKeyCheckTest {

    private static final ColumnType PG_BIGINT = new ColumnType(Engine.POSTGRESQL, "int8", Types.BIGINT, 0, 19, 0);
    private static final ColumnType PG_TEXT = new ColumnType(Engine.POSTGRESQL, "varchar", Types.VARCHAR, 40, 0, 0);
    private static final ColumnType MARIA_BIGINT = new ColumnType(Engine.MARIADB, "BIGINT", Types.BIGINT, 0, 19, 0);

    private static SideTable lines(Engine engine, ColumnType type) {
        return new SideTable(engine == Engine.POSTGRESQL ? Side.MONOLITH : Side.SERVICE, engine, "shop", "order_lines",
                List.of("order_id", "line_no", "qty"), List.of(type, type, type), List.of(0, 1));
    }

    @Test
    void shouldCountRowsWhoseNonNullForeignKeyMatchesNoParentOnPostgres() {
        ForeignKeyCheck check = new ForeignKeyCheck("lines", lines(Engine.POSTGRESQL, PG_BIGINT),
                new ForeignKey("fk_line_order", List.of("order_id"), "shop", "orders", List.of("id"), "NO ACTION"),
                List.of(PG_BIGINT));

        assertThat(check.countSql()).isEqualTo("SELECT count(*) FROM \"shop\".\"order_lines\" c WHERE c.\"order_id\" IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM \"shop\".\"orders\" p WHERE p.\"id\" = c.\"order_id\")");
        assertThat(check.describe()).isEqualTo("fk_line_order (order_id) → shop.orders (id)");
    }

    @Test
    void shouldSampleKeysThenForeignKeyColumnsInTheValidatorsKeyOrderOnMariaDb() {
        // a composite foreign key: a NULL in any of its columns satisfies it (MATCH SIMPLE), so every column must be set
        ForeignKeyCheck check = new ForeignKeyCheck("lines", lines(Engine.MARIADB, MARIA_BIGINT),
                new ForeignKey("fk`odd", List.of("order_id", "qty"), "shop", "stock", List.of("order_ref", "amount"), "CASCADE"),
                List.of(MARIA_BIGINT, MARIA_BIGINT));

        assertThat(check.sampleSql(20)).isEqualTo("SELECT c.`order_id`, c.`line_no`, c.`order_id`, c.`qty`"
                + " FROM `shop`.`order_lines` c WHERE c.`order_id` IS NOT NULL AND c.`qty` IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM `shop`.`stock` p WHERE p.`order_ref` = c.`order_id` AND p.`amount` = c.`qty`)"
                + " ORDER BY `order_id`, `line_no` LIMIT 20");
        assertThat(check.countSql()).startsWith("SELECT COUNT(*) FROM `shop`.`order_lines` c WHERE");
    }

    @Test
    void shouldOrderTextualKeysByTheirBytesAndQuoteOddNames() {
        SideTable codes = new SideTable(Side.MONOLITH, Engine.POSTGRESQL, "public", "co\"des", List.of("code", "parent"),
                List.of(PG_TEXT, PG_TEXT), List.of(0));
        ForeignKeyCheck check = new ForeignKeyCheck("codes", codes,
                new ForeignKey("fk_parent", List.of("parent"), "public", "co\"des", List.of("code"), "NO ACTION"),
                List.of(PG_TEXT));

        // a self-reference: the aliases keep the child's and the parent's columns apart
        assertThat(check.sampleSql(5)).isEqualTo("SELECT c.\"code\", c.\"parent\" FROM \"public\".\"co\"\"des\" c"
                + " WHERE c.\"parent\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"public\".\"co\"\"des\" p"
                + " WHERE p.\"code\" = c.\"parent\") ORDER BY \"code\"::text COLLATE \"C\" LIMIT 5");
    }

    @Test
    void shouldRefuseReadingTypesThatDoNotMatchTheForeignKeyColumns() {
        assertThatThrownBy(() -> new ForeignKeyCheck("lines", lines(Engine.POSTGRESQL, PG_BIGINT),
                new ForeignKey("fk", List.of("order_id"), "shop", "orders", List.of("id"), "NO ACTION"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
