package io.strangler.replicate;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.MappingException;
import io.strangler.core.mapping.MappingValidator;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.ValidationIssue;
import io.strangler.core.mapping.ValidationReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a mappings file for one-way replication against the two live databases: reads each side's catalogue
 * (only the schemas the mappings name) and runs {@link MappingValidator} on every mapping. All errors of all mappings
 * are reported together; warnings are logged and returned.
 *
 * <pre>{@code
 * ReplicateMappings.Result result = ReplicateMappings.resolve(mappings, Side.MONOLITH, monolithConnection, serviceConnection);
 * ReplicatePlan plan = new ReplicatePlan(result.mappings(), Side.MONOLITH, "monolith", "service");
 * }</pre>
 */
public final class ReplicateMappings {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReplicateMappings.class);

    private ReplicateMappings() {
    }

    /** The resolved mappings and the validator's warnings. */
    public record Result(List<ResolvedMapping> mappings, List<ValidationIssue> warnings) {
        public Result {
            mappings = List.copyOf(mappings);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param source a connection to the {@code from} side's database
     * @param target a connection to the other side's database
     * @throws MappingException listing every error (missing tables or columns, keys, types, directions)
     * @throws SQLException     when a catalogue cannot be read
     */
    public static Result resolve(Mappings mappings, Side from, Connection source, Connection target) throws SQLException {
        Catalog sourceCatalog = CatalogReader.read(source, schemas(mappings, from));
        Catalog targetCatalog = CatalogReader.read(target, schemas(mappings, from.other()));
        Catalog monolith = from == Side.MONOLITH ? sourceCatalog : targetCatalog;
        Catalog service = from == Side.MONOLITH ? targetCatalog : sourceCatalog;
        List<String> errors = new ArrayList<>();
        List<ValidationIssue> warnings = new ArrayList<>();
        List<ResolvedMapping> resolved = new ArrayList<>();
        for (Mapping mapping : mappings.mappings()) {
            if (!mapping.direction().writesTo(from.other())) {
                errors.add("mapping '" + mapping.name() + "': direction " + mapping.direction().label()
                        + " does not let changes flow from the " + from.label() + " to the " + from.other().label());
                continue;
            }
            ValidationReport report = MappingValidator.validate(mapping, monolith, service);
            report.errors().forEach(issue -> errors.add(issue.toString()));
            warnings.addAll(report.warnings());
            report.resolved().ifPresent(resolved::add);
        }
        if (!errors.isEmpty()) {
            throw new MappingException(null, "the mappings cannot be replicated from the " + from.label() + " to the "
                    + from.other().label() + ", " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + ":\n  " + String.join("\n  ", errors));
        }
        if (resolved.isEmpty()) {
            throw new MappingException(null, "the mappings file has no mapping to replicate");
        }
        warnings.forEach(issue -> LOGGER.warn("Replicate: {}", issue));
        return new Result(resolved, warnings);
    }

    private static List<String> schemas(Mappings mappings, Side side) {
        return mappings.mappings().stream().map(mapping -> mapping.table(side).schema()).distinct().toList();
    }
}
