package io.strangler.validator.internal;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.Column;
import io.strangler.core.catalog.Table;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import io.strangler.core.row.ValueKind;
import io.strangler.validator.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to compare one mapped table: both sides' columns and reading types, the key order, how to
 * segment it and, when every column has an engine-independent text rendering, the per-row checksum SQL.
 *
 * @param checksumUnsupported why the checksum mode cannot be used (naming the column), or empty when it can
 */
public record TablePlan(ResolvedMapping mapping, SideTable monolith, SideTable service, List<String> logicalColumns,
                        List<String> logicalKey, KeyOrder keyOrder, Segmentation segmentation,
                        Optional<String> monolithRowText, Optional<String> serviceRowText,
                        Optional<String> checksumUnsupported) {

    /** How the table is divided into segments. */
    public enum Segmentation { INTEGER_RANGE, KEY_HASH, WHOLE }

    public TablePlan {
        logicalColumns = List.copyOf(logicalColumns);
        logicalKey = List.copyOf(logicalKey);
    }

    public String name() {
        return mapping.name();
    }

    public SideTable side(Side side) {
        return side == Side.MONOLITH ? monolith : service;
    }

    public Optional<String> rowText(Side side) {
        return side == Side.MONOLITH ? monolithRowText : serviceRowText;
    }

    /** {@code " WHERE …"} selecting {@code segment} on {@code side}, or an empty string for the whole table. */
    public String where(Side side, Segment segment) {
        SideTable table = side(side);
        String key = Sql.quote(table.engine(), table.keyColumn(0));
        if (segment instanceof Segment.Range range) {
            return " WHERE " + key + " BETWEEN " + range.low() + " AND " + range.high();
        }
        if (segment instanceof Segment.HashPrefix hash) {
            return " WHERE " + Sql.hashPrefix(table.engine(), keyText(table), hash.prefix().length()) + " = '"
                    + hash.prefix() + "'";
        }
        return "";
    }

    /** {@code " ORDER BY …"} in the order both engines agree on. */
    public String orderBy(Side side) {
        SideTable table = side(side);
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < table.keyIndexes().size(); i++) {
            terms.add(Sql.orderTerm(table.engine(), table.keyColumn(i), table.keyKind(i)));
        }
        return " ORDER BY " + String.join(", ", terms);
    }

    private static String keyText(SideTable table) {
        return Sql.canonicalText(table.engine(), table.keyColumn(0), table.keyKind(0), false).orElseThrow();
    }

    /**
     * Builds the plan.
     *
     * @throws ValidationException when a key column's types cannot be compared across the two sides
     */
    public static TablePlan of(ResolvedMapping mapping, Catalog monolithCatalog, Catalog serviceCatalog) {
        Table m = table(mapping, Side.MONOLITH, monolithCatalog);
        Table s = table(mapping, Side.SERVICE, serviceCatalog);
        List<String> logical = mapping.columns().stream().map(MappedColumn::logicalName).toList();
        List<Integer> keyIndexes = mapping.keyColumns().stream().map(logical::indexOf).toList();
        SideTable monolith = side(mapping, Side.MONOLITH, monolithCatalog, m, keyIndexes);
        SideTable service = side(mapping, Side.SERVICE, serviceCatalog, s, keyIndexes);
        List<ValueKind> kinds = new ArrayList<>();
        for (int i = 0; i < keyIndexes.size(); i++) {
            ValueKind mk = monolith.keyKind(i);
            ValueKind sk = service.keyKind(i);
            String key = mapping.keyColumns().get(i);
            if (!Sql.orderable(mk) || !Sql.orderable(sk) || family(mk) != family(sk)) {
                throw new ValidationException("mapping '" + mapping.name() + "': key column '" + key + "' cannot be"
                        + " compared: monolith " + monolith.qualifiedName() + "." + monolith.keyColumn(i) + " is "
                        + monolith.types().get(keyIndexes.get(i)) + " (" + mk + "), service " + service.qualifiedName()
                        + "." + service.keyColumn(i) + " is " + service.types().get(keyIndexes.get(i)) + " (" + sk + ")");
            }
            kinds.add(mk);
        }
        Segmentation segmentation = family(kinds.get(0)) == 1 ? Segmentation.INTEGER_RANGE
                : family(kinds.get(0)) == 5 ? Segmentation.KEY_HASH : Segmentation.WHOLE;
        Optional<String> unsupported = Optional.empty();
        List<String> mRender = new ArrayList<>();
        List<String> sRender = new ArrayList<>();
        for (int i = 0; i < logical.size() && unsupported.isEmpty(); i++) {
            Optional<String> mt = Sql.canonicalText(monolith.engine(), monolith.columns().get(i), monolith.types().get(i).kind(),
                    monolith.types().get(i).scale() == ColumnType.VARIABLE_SCALE);
            Optional<String> st = Sql.canonicalText(service.engine(), service.columns().get(i), service.types().get(i).kind(),
                    service.types().get(i).scale() == ColumnType.VARIABLE_SCALE);
            if (mt.isEmpty() || st.isEmpty()) {
                unsupported = Optional.of("column '" + logical.get(i) + "' (" + monolith.types().get(i) + " / "
                        + service.types().get(i) + ") has no engine-independent text rendering for an in-database checksum");
            }
            mt.ifPresent(mRender::add);
            st.ifPresent(sRender::add);
        }
        Optional<String> mRow = unsupported.isPresent() ? Optional.empty()
                : Optional.of(Sql.rowText(monolith.engine(), mRender, kinds(monolith, service)));
        Optional<String> sRow = unsupported.isPresent() ? Optional.empty()
                : Optional.of(Sql.rowText(service.engine(), sRender, kinds(monolith, service)));
        return new TablePlan(mapping, monolith, service, logical, mapping.keyColumns(), new KeyOrder(kinds),
                segmentation, mRow, sRow, unsupported);
    }

    /** Per column, STRING when either side is textual: both sides must frame the column's text the same way. */
    private static List<ValueKind> kinds(SideTable monolith, SideTable service) {
        List<ValueKind> out = new ArrayList<>();
        for (int i = 0; i < monolith.types().size(); i++) {
            ValueKind m = monolith.types().get(i).kind();
            ValueKind s = service.types().get(i).kind();
            boolean text = family(m) == 5 && m != ValueKind.UUID || family(s) == 5 && s != ValueKind.UUID;
            out.add(text ? ValueKind.STRING : m);
        }
        return out;
    }

    /** Kinds whose canonical values compare with each other: 1 integers, 5 text, others by themselves. */
    private static int family(ValueKind kind) {
        return switch (kind) {
            case INTEGER -> 1;
            case DECIMAL -> 2;
            case FLOAT32, FLOAT64 -> 3;
            case BOOLEAN -> 4;
            case STRING, FIXED_CHAR, ENUM, UUID -> 5;
            case DATE -> 6;
            case TIME -> 7;
            case TIMESTAMP, TIMESTAMPTZ -> 8;
            case BINARY -> 9;
            default -> 100 + kind.ordinal();
        };
    }

    private static Table table(ResolvedMapping mapping, Side side, Catalog catalog) {
        TableRef ref = mapping.mapping().table(side);
        return catalog.table(ref.schema(), ref.table()).orElseThrow(() -> new ValidationException("mapping '"
                + mapping.name() + "': " + side.label() + " table " + ref + " does not exist"));
    }

    private static SideTable side(ResolvedMapping mapping, Side side, Catalog catalog, Table table, List<Integer> keyIndexes) {
        List<String> columns = mapping.columns().stream().map(column -> column.column(side)).toList();
        List<ColumnType> types = new ArrayList<>();
        for (String name : columns) {
            Column column = table.column(name).orElseThrow(() -> new ValidationException("mapping '" + mapping.name()
                    + "': " + side.label() + " column " + table.qualifiedName() + "." + name + " does not exist"));
            types.add(catalog.columnType(column));
        }
        Engine engine = catalog.engine();
        return new SideTable(side, engine, table.schema(), table.name(), columns, types, keyIndexes);
    }
}
