package io.strangler.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.MappingValidator;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.sync.internal.KeyImageCheck;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sync refuses, at start-up, mappings whose deletes would not carry their logical key (PostgreSQL). */
@ExtendWith(EmbeddedPostgresExtension.class)
class KeyImageCheckIT {

    @Test
    void aMappingKeyedByAUniqueColumnNeedsReplicaIdentityFull(@Postgres TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            execute(connection, "CREATE TABLE member (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text)");

            List<String> problems = check(connection, "member", List.of("email"));
            assertThat(problems).singleElement().asString().contains("mapping 'member'", "public.member",
                    "[email]", "REPLICA IDENTITY DEFAULT", "ALTER TABLE public.member REPLICA IDENTITY FULL");

            execute(connection, "ALTER TABLE member REPLICA IDENTITY FULL");
            assertThat(check(connection, "member", List.of("email"))).isEmpty();
        }
    }

    @Test
    void aMappingKeyedByThePrimaryKeyWorksUnderTheDefaultButNotUnderNothing(@Postgres TestDatabase db)
            throws SQLException {
        try (Connection connection = db.connect()) {
            execute(connection, "CREATE TABLE note (id bigint PRIMARY KEY, body text)");
            assertThat(check(connection, "note", List.of())).isEmpty();

            execute(connection, "ALTER TABLE note REPLICA IDENTITY NOTHING");
            assertThat(check(connection, "note", List.of())).singleElement().asString()
                    .contains("REPLICA IDENTITY NOTHING", "public.note");
        }
    }

    @Test
    void aMappingWithCountersNeedsTheWholeOldRowOfEveryUpdate(@Postgres TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            execute(connection, "CREATE TABLE wallet (id bigint PRIMARY KEY, balance bigint NOT NULL)");
            Catalog catalog = CatalogReader.read(connection);
            TableRef ref = new TableRef("public", "wallet");
            Mapping mapping = new Mapping("wallet", ref, ref, List.of(), Map.of(), List.of(), List.of(), List.of(),
                    List.of(), Direction.BOTH, ConflictStrategy.DEFAULT, List.of("balance"));
            List<ResolvedMapping> resolved = List.of(MappingValidator.validateOrThrow(mapping, catalog, catalog));

            assertThat(KeyImageCheck.problems(connection, catalog, Side.MONOLITH, resolved)).singleElement().asString()
                    .contains("mapping 'wallet'", "counters [balance]", "REPLICA IDENTITY is DEFAULT",
                            "ALTER TABLE public.wallet REPLICA IDENTITY FULL");

            execute(connection, "ALTER TABLE wallet REPLICA IDENTITY FULL");
            assertThat(KeyImageCheck.problems(connection, catalog, Side.MONOLITH, resolved)).isEmpty();
        }
    }

    /** Both sides are the same table here: the check reads one side at a time. */
    private static List<String> check(Connection connection, String table, List<String> key) throws SQLException {
        Catalog catalog = CatalogReader.read(connection);
        TableRef ref = new TableRef("public", table);
        Mapping mapping = new Mapping(table, ref, ref, key, Map.of(), List.of(), List.of(), List.of(), List.of(),
                Direction.BOTH, ConflictStrategy.DEFAULT);
        ResolvedMapping resolved = MappingValidator.validateOrThrow(mapping, catalog, catalog);
        return KeyImageCheck.problems(connection, catalog, Side.MONOLITH, List.of(resolved));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
