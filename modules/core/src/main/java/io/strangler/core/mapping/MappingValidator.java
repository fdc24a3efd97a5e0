package io.strangler.core.mapping;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.Column;
import io.strangler.core.catalog.Table;
import io.strangler.core.catalog.TypeFamily;
import io.strangler.core.mapping.ValidationIssue.Severity;
import io.strangler.core.mapping.internal.NameSuggestions;
import io.strangler.core.mapping.internal.TypeCompatibility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a {@link Mapping} against the monolith's and the service's catalogues: tables and columns exist, both
 * tables have a key the sync can use, paired columns have compatible types, and every NOT NULL column of a side
 * the sync inserts into gets a value.
 * <pre>{@code
 * ResolvedMapping orders = MappingValidator.validateOrThrow(mappings.get("orders"), monolithCatalog, serviceCatalog);
 * }</pre>
 */
public final class MappingValidator {

    private final Mapping mapping;
    private final Catalog monolithCatalog;
    private final Catalog serviceCatalog;
    private final List<ValidationIssue> errors = new ArrayList<>();
    private final List<ValidationIssue> warnings = new ArrayList<>();

    private MappingValidator(Mapping mapping, Catalog monolithCatalog, Catalog serviceCatalog) {
        this.mapping = mapping;
        this.monolithCatalog = monolithCatalog;
        this.serviceCatalog = serviceCatalog;
    }

    public static ValidationReport validate(Mapping mapping, Catalog monolith, Catalog service) {
        return new MappingValidator(mapping, monolith, service).run();
    }

    /** Validates and returns the resolved mapping, or throws a {@link MappingException} listing every error. */
    public static ResolvedMapping validateOrThrow(Mapping mapping, Catalog monolith, Catalog service) {
        return validate(mapping, monolith, service).orThrow();
    }

    /** Validates every mapping of a file; throws one {@link MappingException} listing the errors of all of them. */
    public static List<ResolvedMapping> validateOrThrow(Mappings mappings, Catalog monolith, Catalog service) {
        List<ValidationReport> reports = mappings.mappings().stream()
                .map(mapping -> validate(mapping, monolith, service)).toList();
        List<ValidationIssue> errors = reports.stream().flatMap(report -> report.errors().stream()).toList();
        if (!errors.isEmpty()) {
            throw new MappingException(null, errors.size() + (errors.size() == 1 ? " error" : " errors") + ":\n  "
                    + String.join("\n  ", errors.stream().map(ValidationIssue::toString).toList()));
        }
        return reports.stream().map(ValidationReport::orThrow).toList();
    }

    private ValidationReport run() {
        Optional<Table> monolith = findTable(Side.MONOLITH, monolithCatalog);
        Optional<Table> service = findTable(Side.SERVICE, serviceCatalog);
        if (monolith.isEmpty() || service.isEmpty()) {
            return report(null);
        }
        Table m = monolith.get();
        Table s = service.get();
        requirePrimaryKey(Side.MONOLITH, m);
        requirePrimaryKey(Side.SERVICE, s);
        checkNamedColumnsExist(m, s);
        List<MappedColumn> columns = pairColumns(m, s);
        checkTypes(m, s, columns);
        checkUncoveredColumns(Side.SERVICE, s, columns);
        checkUncoveredColumns(Side.MONOLITH, m, columns);
        List<String> keyColumns = mapping.keyColumns().isEmpty() ? m.primaryKey() : mapping.keyColumns();
        checkKey(m, s, keyColumns, columns);
        checkCounters(m, s, columns);
        return report(errors.isEmpty() ? new ResolvedMapping(mapping, keyColumns, columns) : null);
    }

    private Optional<Table> findTable(Side side, Catalog catalog) {
        TableRef ref = mapping.table(side);
        Optional<Table> table = catalog.table(ref.schema(), ref.table());
        if (table.isEmpty()) {
            List<String> close = NameSuggestions.closest(ref.table(), catalog.tables().stream().map(Table::name).toList());
            List<String> suggestions = catalog.tables().stream().filter(candidate -> close.contains(candidate.name()))
                    .sorted(Comparator.comparing((Table candidate) -> close.indexOf(candidate.name()))
                            .thenComparing(candidate -> !candidate.schema().equals(ref.schema())))
                    .map(Table::qualifiedName).limit(3).toList();
            error(side, ref.toString(), null, side.label() + " table " + ref + " does not exist in the " + side.label()
                    + " database (" + catalog.engine().name().toLowerCase(java.util.Locale.ROOT) + ", schemas " + catalog.schemas() + ")"
                    + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(", ", suggestions) + "?)"));
        }
        return table;
    }

    private void requirePrimaryKey(Side side, Table table) {
        if (!table.hasPrimaryKey()) {
            error(side, table.qualifiedName(), null, "table has no primary key: the sync needs a key to identify rows"
                    + " on both sides (add a primary key to " + table.qualifiedName() + ")");
        }
    }

    private void checkNamedColumnsExist(Table m, Table s) {
        Set<String> monolithNamed = new LinkedHashSet<>(mapping.renames().keySet());
        mapping.monolithOnly().forEach(column -> monolithNamed.add(column.name()));
        monolithNamed.addAll(mapping.excludeMonolith());
        monolithNamed.addAll(mapping.keyColumns());
        monolithNamed.forEach(column -> requireColumn(Side.MONOLITH, m, column));
        Set<String> serviceNamed = new LinkedHashSet<>(mapping.renames().values());
        mapping.serviceOnly().forEach(column -> serviceNamed.add(column.name()));
        serviceNamed.addAll(mapping.excludeService());
        serviceNamed.forEach(column -> requireColumn(Side.SERVICE, s, column));
    }

    private boolean requireColumn(Side side, Table table, String column) {
        if (table.column(column).isPresent()) {
            return true;
        }
        error(side, table.qualifiedName(), column, "column does not exist in " + table.qualifiedName()
                + NameSuggestions.hint(column, table.columnNames()));
        return false;
    }

    private List<MappedColumn> pairColumns(Table m, Table s) {
        Set<String> monolithSkipped = new HashSet<>(mapping.excludeMonolith());
        mapping.monolithOnly().forEach(column -> monolithSkipped.add(column.name()));
        Set<String> serviceSkipped = new HashSet<>(mapping.excludeService());
        mapping.serviceOnly().forEach(column -> serviceSkipped.add(column.name()));
        List<MappedColumn> columns = new ArrayList<>();
        for (Column column : m.columns()) {
            if (monolithSkipped.contains(column.name())) {
                continue;
            }
            String serviceName = mapping.serviceColumnFor(column.name());
            if (serviceSkipped.contains(serviceName)) {
                error(Side.SERVICE, s.qualifiedName(), serviceName, "monolith column '" + column.name()
                        + "' maps to this column, which is excluded or service-only (exclude the monolith column too)");
            }
            else if (s.column(serviceName).isEmpty()) {
                if (!mapping.renames().containsKey(column.name())) {
                    error(Side.SERVICE, s.qualifiedName(), serviceName, "no service column for monolith column '"
                            + column.name() + "'" + NameSuggestions.hint(serviceName, s.columnNames())
                            + " (rename it under 'columns', list it under 'exclude', or declare it 'monolith-only')");
                }
            }
            else {
                columns.add(new MappedColumn(column.name(), column.name(), serviceName));
            }
        }
        return columns;
    }

    private void checkTypes(Table m, Table s, List<MappedColumn> columns) {
        for (MappedColumn pair : columns) {
            Column monolithColumn = m.column(pair.monolithColumn()).orElseThrow();
            Column serviceColumn = s.column(pair.serviceColumn()).orElseThrow();
            Optional<String> incompatible = TypeCompatibility.incompatibility(monolithColumn, serviceColumn);
            if (incompatible.isPresent()) {
                error(Side.SERVICE, s.qualifiedName(), pair.serviceColumn(), incompatible.get() + " (monolith column "
                        + m.qualifiedName() + "." + pair.monolithColumn() + ")");
                continue;
            }
            if (mapping.direction().writesTo(Side.SERVICE)) {
                flowProblems(Side.SERVICE, s, pair.serviceColumn(), TypeCompatibility.narrowing(monolithColumn, serviceColumn));
            }
            if (mapping.direction().writesTo(Side.MONOLITH)) {
                flowProblems(Side.MONOLITH, m, pair.monolithColumn(), TypeCompatibility.narrowing(serviceColumn, monolithColumn));
            }
        }
    }

    private void flowProblems(Side target, Table table, String column, List<String> problems) {
        for (String problem : problems) {
            if (problem.startsWith("ERROR:")) {
                error(target, table.qualifiedName(), column, problem.substring("ERROR:".length()));
            }
            else {
                warning(target, table.qualifiedName(), column, problem);
            }
        }
    }

    /** Columns of {@code side} that no column of the other side feeds: inserts by the sync must still succeed. */
    private void checkUncoveredColumns(Side side, Table table, List<MappedColumn> columns) {
        Set<String> covered = new HashSet<>();
        columns.forEach(column -> covered.add(column.column(side)));
        for (Column column : table.columns()) {
            if (covered.contains(column.name())) {
                continue;
            }
            Optional<OneSidedColumn> oneSided = mapping.onlyOn(side).stream()
                    .filter(only -> only.name().equals(column.name())).findFirst();
            boolean excluded = mapping.excluded(side).contains(column.name());
            boolean suppliedValue = oneSided.map(only -> only.defaultValue() != null).orElse(false);
            if (mapping.direction().writesTo(side) && !column.nullable() && !column.hasDefault() && !suppliedValue) {
                error(side, table.qualifiedName(), column.name(), "NOT NULL column without a default that no "
                        + side.other().label() + " column maps to: rows the sync creates here would be rejected"
                        + " (map it, or declare it '" + side.label() + "-only' with a default)");
            }
            else if (side == Side.SERVICE && oneSided.isEmpty() && !excluded) {
                warning(side, table.qualifiedName(), column.name(), "no monolith column maps to this column, so it is"
                        + " not synchronised (declare it 'service-only' or list it under 'exclude' to say so)");
            }
        }
    }

    private void checkKey(Table m, Table s, List<String> keyColumns, List<MappedColumn> columns) {
        if (keyColumns.isEmpty()) {
            return; // already reported: the monolith has no primary key
        }
        if (!m.isUniqueKey(Set.copyOf(keyColumns))) {
            error(Side.MONOLITH, m.qualifiedName(), String.join(",", keyColumns), "key columns " + keyColumns
                    + " are neither the primary key " + m.primaryKey() + " nor covered by a unique constraint");
        }
        List<String> serviceKey = new ArrayList<>();
        for (String key : keyColumns) {
            Optional<MappedColumn> mapped = columns.stream().filter(column -> column.logicalName().equals(key)).findFirst();
            if (mapped.isEmpty()) {
                error(Side.MONOLITH, m.qualifiedName(), key, "key column is not mapped to a service column");
                return;
            }
            serviceKey.add(mapped.get().serviceColumn());
            m.column(key).filter(Column::nullable).ifPresent(column -> warning(Side.MONOLITH, m.qualifiedName(), key,
                    "key column allows NULL; rows with a NULL key cannot be synchronised"));
        }
        if (s.hasPrimaryKey() && !s.isUniqueKey(Set.copyOf(serviceKey))) {
            error(Side.SERVICE, s.qualifiedName(), String.join(",", serviceKey), "key columns " + serviceKey
                    + " are neither the primary key " + s.primaryKey() + " nor covered by a unique constraint");
        }
    }

    /**
     * A counter merges by adding deltas, so it must be a number on both sides that holds the same values: an integer or
     * a decimal of one scale (a delta computed at one scale and added at another would be rounded on one side only).
     */
    private void checkCounters(Table m, Table s, List<MappedColumn> columns) {
        for (String counter : mapping.counters()) {
            Optional<MappedColumn> mapped = columns.stream().filter(c -> c.logicalName().equals(counter)).findFirst();
            if (mapped.isEmpty()) {
                if (m.column(counter).isEmpty()) {
                    error(Side.MONOLITH, m.qualifiedName(), counter, "counter column does not exist in "
                            + m.qualifiedName() + NameSuggestions.hint(counter, m.columnNames()));
                }
                continue; // an unmapped monolith column is reported by the column pairing already
            }
            Column monolith = m.column(mapped.get().monolithColumn()).orElseThrow();
            Column service = s.column(mapped.get().serviceColumn()).orElseThrow();
            for (Side side : Side.values()) {
                Column column = side == Side.MONOLITH ? monolith : service;
                Table table = side == Side.MONOLITH ? m : s;
                if (column.family() != TypeFamily.INTEGER && column.family() != TypeFamily.DECIMAL) {
                    error(side, table.qualifiedName(), column.name(), "counter column must be an integer or a decimal, "
                            + "it is " + column.columnType());
                } else if (column.family() == TypeFamily.DECIMAL && column.scale() == null) {
                    error(side, table.qualifiedName(), column.name(), "counter column is a decimal without a fixed "
                            + "scale (" + column.columnType() + "): declare numeric(p, s) so both sides add at one scale");
                } else if (column.nullable()) {
                    warning(side, table.qualifiedName(), column.name(), "counter column allows NULL: a NULL counter "
                            + "counts as 0 when a delta is taken and receives the delta as its value");
                }
            }
            if (monolith.family() == TypeFamily.DECIMAL && service.family() == TypeFamily.DECIMAL
                    && monolith.scale() != null && !monolith.scale().equals(service.scale())) {
                error(Side.SERVICE, s.qualifiedName(), service.name(), "counter column has scale " + service.scale()
                        + " but monolith column " + m.qualifiedName() + "." + monolith.name() + " has scale "
                        + monolith.scale() + ": a counter needs one scale on both sides");
            }
        }
    }

    private void error(Side side, String table, String column, String message) {
        errors.add(new ValidationIssue(Severity.ERROR, mapping.name(), side, table, column, message));
    }

    private void warning(Side side, String table, String column, String message) {
        warnings.add(new ValidationIssue(Severity.WARNING, mapping.name(), side, table, column, message));
    }

    private ValidationReport report(ResolvedMapping resolved) {
        return new ValidationReport(mapping.name(), errors, warnings, Optional.ofNullable(resolved));
    }
}
