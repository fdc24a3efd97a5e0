package io.strangler.validator;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.MappingException;
import io.strangler.core.mapping.MappingValidator;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.validator.internal.ConnectionPair;
import io.strangler.validator.internal.ForeignKeyCheck;
import io.strangler.validator.internal.TablePlan;
import io.strangler.validator.internal.ValidationRun;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares mapped tables across the monolith's and the service's databases, canonically (engines, renames, time
 * zones, numeric scale and the like never show as differences).
 * <pre>{@code
 * Validator validator = Validator.create(
 *         ConnectionSource.of("monolith", "jdbc:postgresql://localhost:5432/shop", "shop", pw),
 *         ConnectionSource.of("service", "jdbc:mariadb://localhost:3306/orders", "orders", pw2),
 *         Mappings.load(Path.of("mappings.yaml")));
 * ValidationResult result = validator.validate(List.of(), ValidationOptions.defaults()
 *         .withCheckpoint(Path.of("validate.checkpoint.json")));
 * Reports.write(result, Path.of("reports"));
 * }</pre>
 */
public final class Validator {

    private final ConnectionSource monolith;
    private final ConnectionSource service;
    private final Mappings mappings;

    private Validator(ConnectionSource monolith, ConnectionSource service, Mappings mappings) {
        this.monolith = Objects.requireNonNull(monolith, "monolith");
        this.service = Objects.requireNonNull(service, "service");
        this.mappings = Objects.requireNonNull(mappings, "mappings");
    }

    public static Validator create(ConnectionSource monolith, ConnectionSource service, Mappings mappings) {
        return new Validator(monolith, service, mappings);
    }

    /**
     * Validates the named mappings (all of them when {@code mappingNames} is empty).
     *
     * @throws ValidationException for an unknown mapping or table, keys that cannot be compared, an unreachable
     *                             database or a failure while reading; no partial result is returned
     */
    public ValidationResult validate(List<String> mappingNames, ValidationOptions options) {
        Objects.requireNonNull(options, "options");
        List<Mapping> selected = select(mappingNames);
        ConnectionPair planning = ConnectionPair.open(monolith, service);
        try {
            Resolved resolved = resolve(planning, selected);
            List<TablePlan> plans = new ArrayList<>();
            Map<String, List<ForeignKeyCheck>> foreignKeys = new LinkedHashMap<>();
            for (ResolvedMapping mapping : resolved.mappings()) {
                TablePlan plan = TablePlan.of(mapping, resolved.monolith(), resolved.service());
                plans.add(plan);
                if (options.foreignKeys()) {
                    List<ForeignKeyCheck> checks = new ArrayList<>(ForeignKeyCheck.of(plan, Side.MONOLITH, resolved.monolith()));
                    checks.addAll(ForeignKeyCheck.of(plan, Side.SERVICE, resolved.service()));
                    foreignKeys.put(plan.name(), checks);
                }
            }
            return new ValidationRun(monolith, service, plans, options, foreignKeys).run(planning);
        } finally {
            planning.close();
        }
    }

    /**
     * The named mappings checked against both databases (as reconcile needs them).
     *
     * @throws ValidationException as {@link #validate}
     */
    public List<ResolvedMapping> resolve(List<String> mappingNames) {
        try (ConnectionPair connections = ConnectionPair.open(monolith, service)) {
            return resolve(connections, select(mappingNames)).mappings();
        }
    }

    private record Resolved(List<ResolvedMapping> mappings, Catalog monolith, Catalog service) {
    }

    private Resolved resolve(ConnectionPair connections, List<Mapping> selected) {
        Catalog m = read(connections.monolith(), Side.MONOLITH, selected);
        Catalog s = read(connections.service(), Side.SERVICE, selected);
        List<ResolvedMapping> resolved = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Mapping mapping : selected) {
            try {
                resolved.add(MappingValidator.validateOrThrow(mapping, m, s));
            } catch (MappingException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("cannot validate: " + String.join("; ", errors));
        }
        return new Resolved(resolved, m, s);
    }

    private List<Mapping> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            if (mappings.mappings().isEmpty()) {
                throw new ValidationException("the mappings file has no mappings to validate");
            }
            return mappings.mappings();
        }
        List<Mapping> out = new ArrayList<>();
        for (String name : names) {
            out.add(mappings.find(name).orElseThrow(() -> new ValidationException("unknown table/mapping '" + name
                    + "' (known: " + String.join(", ", mappings.mappings().stream().map(Mapping::name).toList()) + ")")));
        }
        return out;
    }

    private static Catalog read(Connection connection, Side side, List<Mapping> selected) {
        List<String> schemas = selected.stream().map(mapping -> mapping.table(side).schema()).distinct().toList();
        try {
            Catalog catalog = CatalogReader.read(connection, schemas);
            connection.commit();
            return catalog;
        } catch (SQLException e) {
            throw new ValidationException("cannot read the " + side.label() + " catalogue (schemas " + schemas + "): "
                    + e.getMessage(), e);
        }
    }
}
