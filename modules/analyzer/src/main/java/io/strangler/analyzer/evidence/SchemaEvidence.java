package io.strangler.analyzer.evidence;

import java.util.List;
import java.util.Objects;

/**
 * What the catalogue says: the tables to place and the foreign keys between them.
 *
 * @param tables                  every base table read, sorted
 * @param foreignKeys             foreign keys whose both ends are among {@code tables}
 * @param tablesWithoutPrimaryKey tables the sync could not key; they are still placed, and the report warns
 */
public record SchemaEvidence(List<TableName> tables, List<ForeignKeyLink> foreignKeys,
        List<TableName> tablesWithoutPrimaryKey) {

    public SchemaEvidence {
        tables = Objects.requireNonNull(tables, "tables").stream().sorted().distinct().toList();
        foreignKeys = List.copyOf(foreignKeys);
        tablesWithoutPrimaryKey = List.copyOf(tablesWithoutPrimaryKey);
    }
}
