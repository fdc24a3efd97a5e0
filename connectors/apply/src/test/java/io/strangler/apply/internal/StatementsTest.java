package io.strangler.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import io.strangler.schemas.ApplyOperation;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQL and the parameter order of upserts with increments and of INCREMENT, on both engine families. */
class StatementsTest {

    private static TableInfo accounts(Engine engine) {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        columns.put("id", ColumnType.of(engine, engine == Engine.POSTGRESQL ? "int8" : "bigint"));
        columns.put("name", ColumnType.of(engine, engine == Engine.POSTGRESQL ? "text" : "varchar"));
        columns.put("bal", ColumnType.of(engine, engine == Engine.POSTGRESQL ? "int8" : "bigint"));
        columns.put("amt", ColumnType.of(engine, engine == Engine.POSTGRESQL ? "numeric" : "decimal", 12, 2));
        return new TableInfo("bank", "accounts", columns, List.of(Set.of("id")));
    }

    private static RowWrite write(Engine engine, ApplyOperation op, Map<String, Object> row, Map<String, Object> insertOnly,
                                  Map<String, Object> increments) {
        SourceRecord source = new SourceRecord("apply", 0, 0, "k", null, null, new IllegalStateException("unused"));
        return new RowWrite(source, accounts(engine), op, List.of("id"), Map.of("id", 7L), row, insertOnly, increments,
                "bank.accounts|7");
    }

    /** What each placeholder is bound to, in order, as "index=value". */
    private static List<String> bound(BoundCommand command) {
        List<String> calls = new ArrayList<>();
        PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(StatementsTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("set")) {
                        calls.add(args[0] + "=" + args[1]);
                    }
                    return null;
                });
        try {
            command.bind(recorder);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return calls;
    }

    @Test
    void shouldIncrementCountersOfAnExistingRowInAPostgresUpsertAfterTheInsertedValues() {
        RowWrite write = write(Engine.POSTGRESQL, ApplyOperation.UPSERT, Map.of("id", 7L, "name", "x"),
                Map.of("bal", 100L, "amt", "1.50"), Map.of("amt", "0.50", "bal", 3L));

        BoundCommand command = new Statements(new PostgresDialect()).render(write);

        assertThat(command.sql()).isEqualTo("INSERT INTO \"bank\".\"accounts\" AS \"accounts\" (\"id\", \"name\", \"bal\", \"amt\") "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", "
                + "\"bal\" = COALESCE(\"accounts\".\"bal\", 0) + ?, \"amt\" = COALESCE(\"accounts\".\"amt\", 0) + ?");
        assertThat(bound(command)).containsExactly("1=7", "2=x", "3=100", "4=1.50", "5=3", "6=0.50");
    }

    @Test
    void shouldIncrementCountersOfAnExistingRowInAMariaDbUpsertAfterTheInsertedValues() {
        RowWrite write = write(Engine.MARIADB, ApplyOperation.UPSERT, Map.of("id", 7L, "name", "x"),
                Map.of("bal", 100L, "amt", "1.50"), Map.of("amt", "0.50", "bal", 3L));

        BoundCommand command = new Statements(new MariaDbDialect()).render(write);

        assertThat(command.sql()).isEqualTo("INSERT INTO `bank`.`accounts` (`id`, `name`, `bal`, `amt`) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `bal` = COALESCE(`bal`, 0) + ?, `amt` = COALESCE(`amt`, 0) + ?");
        assertThat(bound(command)).containsExactly("1=7", "2=x", "3=100", "4=1.50", "5=3", "6=0.50");
    }

    @Test
    void shouldWriteOnlyIncrementsOnConflictWhenTheImageHasNothingButTheKey() {
        RowWrite write = write(Engine.POSTGRESQL, ApplyOperation.UPSERT, Map.of("id", 7L), Map.of("bal", 1L), Map.of("bal", 1L));

        assertThat(new Statements(new PostgresDialect()).render(write).sql())
                .endsWith("ON CONFLICT (\"id\") DO UPDATE SET \"bal\" = COALESCE(\"accounts\".\"bal\", 0) + ?");
        assertThat(new Statements(new MariaDbDialect()).render(write(Engine.MARIADB, ApplyOperation.UPSERT,
                Map.of("id", 7L), Map.of("bal", 1L), Map.of("bal", 1L))).sql())
                .endsWith("ON DUPLICATE KEY UPDATE `bal` = COALESCE(`bal`, 0) + ?");
    }

    @Test
    void shouldKeepTodaysUpsertWithoutIncrements() {
        RowWrite write = write(Engine.POSTGRESQL, ApplyOperation.UPSERT, Map.of("id", 7L, "name", "x"), Map.of("bal", 0L), Map.of());

        assertThat(new Statements(new PostgresDialect()).render(write).sql()).isEqualTo("INSERT INTO \"bank\".\"accounts\" "
                + "(\"id\", \"name\", \"bal\") VALUES (?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\"");
    }

    @Test
    void shouldIncrementAnExistingRowByKeyWithAmountsBeforeTheKey() {
        for (Dialect dialect : List.<Dialect>of(new PostgresDialect(), new MariaDbDialect())) {
            RowWrite write = write(dialect.engine(), ApplyOperation.INCREMENT, Map.of(), Map.of(), Map.of("amt", "-2.25", "bal", -4L));

            BoundCommand command = new Statements(dialect).render(write);

            String q = dialect.engine() == Engine.POSTGRESQL ? "\"" : "`";
            assertThat(command.sql()).isEqualTo(("UPDATE #bank#.#accounts# SET #bal# = COALESCE(#bal#, 0) + ?, #amt# = COALESCE(#amt#, 0) + ? "
                    + "WHERE #id# = ?").replace("#", q));
            assertThat(bound(command)).containsExactly("1=-4", "2=-2.25", "3=7");
        }
    }

    @Test
    void shouldRejectAFoldedSumPastALongForAnIntegerColumnNamingIt() {
        RowWrite write = write(Engine.POSTGRESQL, ApplyOperation.INCREMENT, Map.of(), Map.of(),
                Map.of("bal", "9223372036854775808"));

        assertThatThrownBy(() -> new Statements(new PostgresDialect()).render(write))
                .isInstanceOf(ValueConversionException.class).hasMessageContaining("bank.accounts").hasMessageContaining("bal");
    }
}
