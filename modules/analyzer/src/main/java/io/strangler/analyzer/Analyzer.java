package io.strangler.analyzer;

import io.strangler.analyzer.clustering.Candidate;
import io.strangler.analyzer.clustering.LeidenClusterer;
import io.strangler.analyzer.clustering.ResolutionSweep;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.SchemaEvidenceReader;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.graph.GraphBuilder;
import io.strangler.analyzer.graph.TableGraph;
import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.analyzer.report.Decomposition;
import io.strangler.analyzer.report.DecompositionBuilder;
import io.strangler.analyzer.report.EvidenceSummary;
import io.strangler.core.catalog.CatalogReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service boundary analyzer: evidence in, recommended services out.
 * <pre>{@code
 * SchemaEvidence schema = Analyzer.readSchema(connection, List.of("public"));
 * WorkloadEvidence workload = SqlLogReader.read(log, null, new StatementParser(Analyzer.resolver(schema, schemas)), ParseProgress.NONE);
 * AnalysisResult result = new Analyzer(AnalyzerOptions.defaults().withServices(4)).analyze(schema, workload, "shop");
 * ReportWriter.write(result, Path.of("out"));
 * }</pre>
 */
public final class Analyzer {

    private static final Logger LOGGER = LoggerFactory.getLogger(Analyzer.class);

    private final AnalyzerOptions options;

    public Analyzer(AnalyzerOptions options) {
        this.options = options;
    }

    /** Reads the catalogue of the named schemas; fails clearly when there is nothing to analyse. */
    public static SchemaEvidence readSchema(Connection connection, List<String> schemas) throws SQLException {
        return SchemaEvidenceReader.from(CatalogReader.read(connection, schemas));
    }

    /** Resolves statements' table names against the schema, unqualified names through {@code searchPath}. */
    public static io.strangler.analyzer.evidence.TableResolver resolver(SchemaEvidence schema, List<String> searchPath) {
        return new io.strangler.analyzer.evidence.TableResolver(schema.tables(), searchPath);
    }

    public AnalysisResult analyze(SchemaEvidence schema, WorkloadEvidence workload, String database) {
        if (schema.tables().isEmpty()) {
            throw new AnalyzerException("the database " + database + " has no tables in the schemas read: nothing to"
                    + " analyse (check --schema, and that the user may see the tables)");
        }
        Set<TableName> unknown = new TreeSet<>(options.constraints().tables());
        unknown.removeAll(schema.tables());
        if (!unknown.isEmpty()) {
            throw new AnalyzerException("the constraints name tables that are not in the catalogue: " + unknown);
        }
        long started = System.nanoTime();
        TableGraph graph = GraphBuilder.build(schema, workload, options.weights());
        LeidenClusterer clusterer;
        try {
            clusterer = new LeidenClusterer(graph, options.constraints(), options.seed());
        } catch (IllegalArgumentException e) {
            throw new AnalyzerException(e.getMessage(), e);
        }
        ResolutionSweep sweep = new ResolutionSweep(graph, clusterer);
        List<String> notes = new ArrayList<>(workload.notes());
        Candidate chosen;
        if (options.resolution() != null) {
            chosen = sweep.at(options.resolution());
            sweep.run();
        } else {
            java.util.Map<Integer, Candidate> bySize = sweep.run();
            if (options.services() > 0) {
                chosen = sweep.withServices(options.services()).orElseGet(() -> {
                    Candidate closest = closest(bySize, options.services());
                    notes.add(String.format(Locale.ROOT, "no split into exactly %d services was found under the"
                            + " constraints; showing %d", options.services(), closest.services()));
                    return closest;
                });
            } else {
                chosen = sweep.best();
            }
        }
        if (!schema.tablesWithoutPrimaryKey().isEmpty()) {
            notes.add("tables without a primary key (placed, but the sync needs a key; add one or declare `key:` in the"
                    + " mappings): " + schema.tablesWithoutPrimaryKey());
        }
        if (graph.edges().isEmpty()) {
            notes.add("no evidence connects any two tables (no foreign keys, no queries or transactions over several"
                    + " tables): every table is a service of its own");
        }
        long isolated = java.util.stream.IntStream.range(0, graph.size()).filter(i -> graph.strength(i) == 0).count();
        if (isolated > 0 && !graph.edges().isEmpty()) {
            notes.add(isolated + " table(s) have no evidence tying them to any other table and stand alone");
        }
        DecompositionBuilder builder = new DecompositionBuilder(graph, schema, workload, options.constraints().fixed());
        Decomposition recommended = builder.build("recommended", chosen);
        List<Decomposition> alternatives = new ArrayList<>();
        for (Candidate alternative : sweep.alternatives(chosen, options.alternatives())) {
            alternatives.add(builder.build(alternative.services() < chosen.services() ? "coarser" : "finer", alternative));
        }
        LOGGER.info("Analysed {} tables, {} edges in {} ms: {}", graph.size(), graph.edges().size(),
                (System.nanoTime() - started) / 1_000_000, recommended.metrics().summaryLine());
        EvidenceSummary summary = new EvidenceSummary(schema.tables().size(),
                (int) schema.foreignKeys().stream().filter(fk -> !fk.selfReference()).count(),
                schema.tablesWithoutPrimaryKey(), workload.queries().size(), workload.totalCalls(),
                workload.transactions().size(), workload.totalTransactions(), workload.stats());
        return new AnalysisResult(UUID.randomUUID().toString(), Instant.now(), database, summary, notes, recommended,
                alternatives);
    }

    private static Candidate closest(java.util.Map<Integer, Candidate> bySize, int services) {
        return bySize.values().stream()
                .min(java.util.Comparator.<Candidate>comparingInt(c -> Math.abs(c.services() - services))
                        .thenComparing(c -> -c.modularity()))
                .orElseThrow();
    }
}
