package io.strangler.core.mapping;

import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Translates rows between one side's physical columns and the mapping's logical row, and on to the other side's
 * physical columns, following a {@link ResolvedMapping}: renames are applied, excluded and one-side-only columns of
 * the source side are dropped, and the target side's one-side-only columns are offered separately as
 * {@link #insertDefaults(Side) insert defaults}, because they may only be written when the row is created.
 *
 * <p>The logical row uses logical names (the monolith's column names) in the mapping's column order, which is the
 * order row hashes are computed in. A column the physical row does not carry (an unavailable value, a column
 * dropped since the mapping was resolved) is simply absent from the result; columns the mapping does not know (added
 * since) are dropped.
 *
 * <pre>{@code
 * RowTranslator translator = RowTranslator.of(resolvedMapping);
 * CanonicalRow logical = translator.toLogical(Side.MONOLITH, monolithRow);   // {id, customer_id, total}
 * CanonicalRow serviceRow = translator.toPhysical(Side.SERVICE, logical);    // {id, buyer_id, amount}
 * RowHash hash = translator.hash(logical);
 * CanonicalKey serviceKey = translator.key(Side.SERVICE, logical);          // {"id":42}
 * CanonicalRow defaults = translator.insertDefaults(Side.SERVICE);          // {tenant: "acme", version: 1}
 * }</pre>
 */
public final class RowTranslator {

    private final ResolvedMapping mapping;
    private final List<String> logicalColumns;
    private final Map<String, MappedColumn> byMonolithColumn = new LinkedHashMap<>();
    private final Map<String, MappedColumn> byServiceColumn = new LinkedHashMap<>();

    private RowTranslator(ResolvedMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.logicalColumns = mapping.columns().stream().map(MappedColumn::logicalName).toList();
        for (MappedColumn column : mapping.columns()) {
            byMonolithColumn.put(column.monolithColumn(), column);
            byServiceColumn.put(column.serviceColumn(), column);
        }
    }

    public static RowTranslator of(ResolvedMapping mapping) {
        return new RowTranslator(mapping);
    }

    public ResolvedMapping mapping() {
        return mapping;
    }

    /** Logical column names in hash order (the monolith's column order of the mapped columns). */
    public List<String> logicalColumns() {
        return logicalColumns;
    }

    /**
     * The logical row of a physical row of {@code side}: mapped columns only, under their logical names, in hash
     * order; excluded, one-side-only and unknown columns are dropped.
     */
    public CanonicalRow toLogical(Side side, CanonicalRow physical) {
        Objects.requireNonNull(physical, "physical");
        Map<String, MappedColumn> bySide = side == Side.MONOLITH ? byMonolithColumn : byServiceColumn;
        CanonicalRow.Builder out = CanonicalRow.builder();
        for (MappedColumn column : bySide.values()) {
            String name = column.column(side);
            if (physical.contains(name)) {
                out.put(column.logicalName(), physical.get(name));
            }
        }
        return out.build();
    }

    /** The physical row of {@code side} for a logical row: mapped columns under {@code side}'s names, in hash order. */
    public CanonicalRow toPhysical(Side side, CanonicalRow logical) {
        Objects.requireNonNull(logical, "logical");
        CanonicalRow.Builder out = CanonicalRow.builder();
        for (MappedColumn column : mapping.columns()) {
            if (logical.contains(column.logicalName())) {
                out.put(column.column(side), logical.get(column.logicalName()));
            }
        }
        return out.build();
    }

    /** A physical row of {@code from} as the other side's physical row (without the other side's insert defaults). */
    public CanonicalRow translate(Side from, CanonicalRow physical) {
        return toPhysical(from.other(), toLogical(from, physical));
    }

    /**
     * The one-side-only columns of {@code side} that have a default in the mapping, with that default: what to write
     * when the row is created on {@code side}, and never when it already exists. Columns without a default are left
     * to the database.
     */
    public CanonicalRow insertDefaults(Side side) {
        CanonicalRow.Builder out = CanonicalRow.builder();
        for (OneSidedColumn column : mapping.mapping().onlyOn(side)) {
            if (column.defaultValue() != null) {
                out.put(column.name(), column.defaultValue());
            }
        }
        return out.build();
    }

    /** The row hash of a logical row, over the mapping's columns in hash order. */
    public RowHash hash(CanonicalRow logical) {
        return RowHash.of(logical, logicalColumns);
    }

    /**
     * The key of a logical row, as named on {@code side}, in key order.
     *
     * @throws IllegalArgumentException naming the key column the row lacks or holds null in
     */
    public CanonicalKey key(Side side, CanonicalRow logical) {
        List<String> logicalKey = mapping.keyColumns();
        List<String> sideKey = mapping.keyColumns(side);
        CanonicalKey key = CanonicalKey.of(logical, logicalKey);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < logicalKey.size(); i++) {
            out.put(sideKey.get(i), key.get(logicalKey.get(i)));
        }
        return CanonicalKey.of(out);
    }

    /**
     * The logical row of a physical key of {@code side} (key columns under logical names), e.g. to translate the key
     * of a delete whose before image is missing.
     */
    public CanonicalRow keyToLogical(Side side, CanonicalKey physicalKey) {
        return toLogical(side, physicalKey.toRow());
    }
}
