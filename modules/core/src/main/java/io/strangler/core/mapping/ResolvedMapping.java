package io.strangler.core.mapping;

import java.util.List;
import java.util.Optional;

/**
 * A mapping checked against both catalogues, with everything the sync needs resolved.
 *
 * @param mapping    the mapping as written
 * @param keyColumns logical key columns: the mapping's {@code key}, or else the monolith's primary key, in key order
 * @param columns    the columns on both sides in the monolith's column order; this is the fixed order in which row
 *                   hashes are computed; key columns are included, one-side-only and excluded columns are not
 */
public record ResolvedMapping(Mapping mapping, List<String> keyColumns, List<MappedColumn> columns) {

    public ResolvedMapping {
        keyColumns = List.copyOf(keyColumns);
        columns = List.copyOf(columns);
        for (String key : keyColumns) {
            if (columns.stream().noneMatch(column -> column.logicalName().equals(key))) {
                throw new MappingException(mapping.name(), "key", "key column '" + key + "' is not a mapped column");
            }
        }
    }

    public String name() {
        return mapping.name();
    }

    /** The key columns as named on {@code side}, in key order. */
    public List<String> keyColumns(Side side) {
        return keyColumns.stream().map(key -> byLogicalName(key).orElseThrow().column(side)).toList();
    }

    public Optional<MappedColumn> byLogicalName(String logicalName) {
        return columns.stream().filter(column -> column.logicalName().equals(logicalName)).findFirst();
    }

    /** The mapped column whose name on {@code side} is {@code column}. */
    public Optional<MappedColumn> byColumn(Side side, String column) {
        return columns.stream().filter(mapped -> mapped.column(side).equals(column)).findFirst();
    }
}
