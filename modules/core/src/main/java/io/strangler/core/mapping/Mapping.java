package io.strangler.core.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pairs a monolith table with a service table. Column names in {@code keyColumns} are logical names, which
 * are the monolith's column names. Columns not named in {@code renames} keep their name on the service side.
 *
 * @param name          unique among the file's mappings; used in topic keys, so letters, digits, {@code _ - .}
 * @param monolith      the monolith's table
 * @param service       the service's table
 * @param keyColumns    logical key columns; empty means "the monolith's primary key", resolved by {@link MappingValidator}
 * @param renames       monolith column name to service column name (insertion order kept)
 * @param monolithOnly  columns only the monolith has
 * @param serviceOnly   columns only the service has
 * @param excludeMonolith monolith columns that are not synchronised
 * @param excludeService  service columns that are not synchronised
 * @param direction     which way changes flow
 * @param conflict      the conflict strategy
 * @param counters      logical columns that merge by delta: each side's change adds {@code after - before} to the
 *                      other side's value instead of overwriting it, so concurrent increments on both sides commute
 */
public record Mapping(
        String name,
        TableRef monolith,
        TableRef service,
        List<String> keyColumns,
        Map<String, String> renames,
        List<OneSidedColumn> monolithOnly,
        List<OneSidedColumn> serviceOnly,
        List<String> excludeMonolith,
        List<String> excludeService,
        Direction direction,
        ConflictStrategy conflict,
        List<String> counters) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public Mapping {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new MappingException("name", "must be letters, digits, '_', '-' or '.', got '" + name + "'");
        }
        if (monolith == null) {
            throw new MappingException(name, "monolith", "is required");
        }
        if (service == null) {
            throw new MappingException(name, "service", "is required");
        }
        keyColumns = List.copyOf(keyColumns == null ? List.of() : keyColumns);
        renames = renames == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(renames));
        monolithOnly = List.copyOf(monolithOnly == null ? List.of() : monolithOnly);
        serviceOnly = List.copyOf(serviceOnly == null ? List.of() : serviceOnly);
        excludeMonolith = List.copyOf(excludeMonolith == null ? List.of() : excludeMonolith);
        excludeService = List.copyOf(excludeService == null ? List.of() : excludeService);
        direction = direction == null ? Direction.BOTH : direction;
        conflict = conflict == null ? ConflictStrategy.DEFAULT : conflict;
        counters = List.copyOf(counters == null ? List.of() : counters);
        checkConsistency(name, keyColumns, renames, monolithOnly, serviceOnly, excludeMonolith, excludeService);
        checkCounters(name, counters, keyColumns, monolithOnly, excludeMonolith);
    }

    /** A mapping without counter columns. */
    public Mapping(String name, TableRef monolith, TableRef service, List<String> keyColumns, Map<String, String> renames,
            List<OneSidedColumn> monolithOnly, List<OneSidedColumn> serviceOnly, List<String> excludeMonolith,
            List<String> excludeService, Direction direction, ConflictStrategy conflict) {
        this(name, monolith, service, keyColumns, renames, monolithOnly, serviceOnly, excludeMonolith, excludeService,
                direction, conflict, List.of());
    }

    /** Whether the logical column merges by delta. */
    public boolean isCounter(String logicalColumn) {
        return counters.contains(logicalColumn);
    }

    /** The service column a monolith column maps to (its rename, or the same name). */
    public String serviceColumnFor(String monolithColumn) {
        return renames.getOrDefault(monolithColumn, monolithColumn);
    }

    /** The monolith column that maps to a service column, if the service column is not renamed away. */
    public Optional<String> monolithColumnFor(String serviceColumn) {
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            if (rename.getValue().equals(serviceColumn)) {
                return Optional.of(rename.getKey());
            }
        }
        return renames.containsKey(serviceColumn) ? Optional.empty() : Optional.of(serviceColumn);
    }

    /** The table on {@code side}. */
    public TableRef table(Side side) {
        return side == Side.MONOLITH ? monolith : service;
    }

    /** The one-side-only columns of {@code side}. */
    public List<OneSidedColumn> onlyOn(Side side) {
        return side == Side.MONOLITH ? monolithOnly : serviceOnly;
    }

    /** The excluded columns of {@code side}. */
    public List<String> excluded(Side side) {
        return side == Side.MONOLITH ? excludeMonolith : excludeService;
    }

    private static void checkConsistency(String name, List<String> keyColumns, Map<String, String> renames,
            List<OneSidedColumn> monolithOnly, List<OneSidedColumn> serviceOnly,
            List<String> excludeMonolith, List<String> excludeService) {
        requireDistinct(name, "key", keyColumns);
        renames.forEach((from, to) -> {
            if (from == null || from.isBlank() || to == null || to.isBlank()) {
                throw new MappingException(name, "columns", "renames need a monolith and a service column name");
            }
        });
        requireDistinct(name, "columns", new ArrayList<>(renames.values()));
        List<String> monolithSpecial = new ArrayList<>(excludeMonolith);
        monolithOnly.forEach(column -> monolithSpecial.add(column.name()));
        requireDistinct(name, "monolith-only/exclude.monolith", monolithSpecial);
        List<String> serviceSpecial = new ArrayList<>(excludeService);
        serviceOnly.forEach(column -> serviceSpecial.add(column.name()));
        requireDistinct(name, "service-only/exclude.service", serviceSpecial);
        for (String column : monolithSpecial) {
            if (renames.containsKey(column)) {
                throw new MappingException(name, "columns." + column,
                        "column '" + column + "' is renamed but also excluded or monolith-only");
            }
            if (keyColumns.contains(column)) {
                throw new MappingException(name, "key", "key column '" + column + "' is excluded or monolith-only");
            }
        }
        for (String column : serviceSpecial) {
            if (renames.containsValue(column)) {
                throw new MappingException(name, "columns",
                        "service column '" + column + "' is a rename target but also excluded or service-only");
            }
        }
    }

    private static void checkCounters(String name, List<String> counters, List<String> keyColumns,
            List<OneSidedColumn> monolithOnly, List<String> excludeMonolith) {
        requireDistinct(name, "counters", counters);
        for (String column : counters) {
            if (keyColumns.contains(column)) {
                throw new MappingException(name, "counters", "key column '" + column + "' cannot be a counter");
            }
            if (excludeMonolith.contains(column) || monolithOnly.stream().anyMatch(c -> c.name().equals(column))) {
                throw new MappingException(name, "counters", "counter '" + column
                        + "' is excluded or monolith-only: a counter must be a mapped column");
            }
        }
    }

    private static void requireDistinct(String mapping, String key, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String each : names) {
            Objects.requireNonNull(each, key);
            if (!seen.add(each)) {
                throw new MappingException(mapping, key, "column '" + each + "' is named twice");
            }
        }
    }
}
