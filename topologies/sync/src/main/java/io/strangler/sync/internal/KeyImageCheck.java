package io.strangler.sync.internal;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.Table;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that every change the sync will read carries its logical key, including a DELETE's before image. The
 * databases' defaults log only the primary key of a deleted row (PostgreSQL {@code REPLICA IDENTITY DEFAULT},
 * MariaDB {@code binlog_row_image=MINIMAL}), so a mapping keyed by another unique column would dead-letter every
 * delete; {@code REPLICA IDENTITY NOTHING} logs no key at all. Caught at start-up, naming the table and the fix,
 * instead of as lost deletes later.
 *
 * <p>A mapping with {@code counters} needs more: an update's delta is {@code after - before}, so every update must
 * log the whole old row (PostgreSQL {@code REPLICA IDENTITY FULL}; MariaDB {@code binlog_row_image} FULL or NOBLOB,
 * which keep numeric columns); under the defaults each such update would be dead-lettered and its increment lost.
 */
public final class KeyImageCheck {

    private KeyImageCheck() {
    }

    /** The problems of {@code side}'s tables read through {@code connection}; empty when every key is logged. */
    public static List<String> problems(Connection connection, Catalog catalog, Side side, List<ResolvedMapping> mappings)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        String rowImage = postgres ? null : binlogRowImage(connection);
        for (ResolvedMapping mapping : mappings) {
            TableRef ref = mapping.mapping().table(side);
            Optional<Table> table = catalog.table(ref.schema(), ref.table());
            if (table.isEmpty()) {
                continue; // the mapping check has reported it
            }
            Set<String> key = Set.copyOf(mapping.keyColumns(side));
            boolean keyIsPrimary = new HashSet<>(table.get().primaryKey()).containsAll(key);
            String where = "mapping '" + mapping.name() + "': " + side.label() + " table " + ref;
            boolean counters = !mapping.mapping().counters().isEmpty();
            if (postgres) {
                char identity = replicaIdentity(connection, ref);
                if (counters && identity != 'f') {
                    problems.add(where + " has counters " + mapping.mapping().counters() + ", whose deltas need the"
                            + " old row of every update, but its REPLICA IDENTITY is " + identityName(identity)
                            + ", so increments would be lost: ALTER TABLE " + ref + " REPLICA IDENTITY FULL");
                } else if (identity == 'n') {
                    problems.add(where + " has REPLICA IDENTITY NOTHING, so its deletes carry no key and would be"
                            + " lost: ALTER TABLE " + ref + " REPLICA IDENTITY FULL");
                } else if (identity == 'd' && !keyIsPrimary) {
                    problems.add(where + " is synchronised by " + key + ", not by its primary key, but under REPLICA"
                            + " IDENTITY DEFAULT a delete logs only the primary key, so deletes would be lost:"
                            + " ALTER TABLE " + ref + " REPLICA IDENTITY FULL");
                }
            } else if (counters && "MINIMAL".equalsIgnoreCase(rowImage)) {
                problems.add(where + " has counters " + mapping.mapping().counters() + ", whose deltas need the"
                        + " old row of every update, but binlog_row_image is MINIMAL, so increments would be lost:"
                        + " set binlog_row_image=FULL");
            } else if (!keyIsPrimary && "MINIMAL".equalsIgnoreCase(rowImage)) {
                problems.add(where + " is synchronised by " + key + ", not by its primary key, but binlog_row_image"
                        + " is MINIMAL, so a delete logs only the primary key and deletes would be lost: set"
                        + " binlog_row_image=FULL");
            }
        }
        return problems;
    }

    private static char replicaIdentity(Connection connection, TableRef ref) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relreplident FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            statement.setString(1, ref.schema());
            statement.setString(2, ref.table());
            try (ResultSet rs = statement.executeQuery()) {
                // 'f' full, 'i' an index (the user chose its columns), 'd' the primary key, 'n' nothing
                return rs.next() ? rs.getString(1).charAt(0) : 'f';
            }
        }
    }

    private static String identityName(char identity) {
        return switch (identity) {
            case 'd' -> "DEFAULT";
            case 'n' -> "NOTHING";
            case 'i' -> "USING INDEX";
            default -> String.valueOf(identity);
        };
    }

    private static String binlogRowImage(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.binlog_row_image")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
