package io.strangler.analyzer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.analyzer.Analyzer;
import io.strangler.analyzer.AnalyzerOptions;
import io.strangler.analyzer.evidence.ParseProgress;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.SqlLogReader;
import io.strangler.analyzer.evidence.StatementParser;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.graph.EvidenceKind;
import io.strangler.analyzer.graph.EvidenceWeights;
import io.strangler.analyzer.metrics.PartitionAgreement;
import io.strangler.analyzer.report.Decomposition;
import io.strangler.analyzer.report.ReportWriter;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scores the analyzer against the split the sample monolith was designed as ({@link SampleShopWorkload#INTENDED}),
 * with the adjusted Rand index, for each combination of evidence; fails when query and transaction evidence do not
 * improve on foreign keys alone. Writes the scores table to {@code target/analyzer-evaluation.md}.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class EvaluationIT {

    static final int USE_CASES = 3_000;
    /** The workload's seed; {@code -Danalyzer.evaluation.seed=N} to check that the scores are not one seed's luck. */
    static final long SEED = Long.getLong("analyzer.evaluation.seed", 7L);

    @TempDir
    static Path dir;
    static SchemaEvidence schema;
    static WorkloadEvidence workload;

    @BeforeAll
    static void sampleMonolithAndWorkload(@Postgres TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            SampleMonolith.createSchema(c);
            schema = Analyzer.readSchema(c, List.of("public"));
        }
        Path sql = SampleShopWorkload.write(dir.resolve("workload.sql"), USE_CASES, SEED);
        workload = SqlLogReader.read(sql, null, new StatementParser(Analyzer.resolver(schema, List.of("public"))),
                ParseProgress.NONE);
    }

    private record Score(String evidence, double auto, int autoServices, double four) {
    }

    private static Score score(String label, EvidenceWeights weights, WorkloadEvidence evidence) {
        Analyzer auto = new Analyzer(AnalyzerOptions.defaults().withWeights(weights));
        Analyzer four = new Analyzer(AnalyzerOptions.defaults().withWeights(weights).withServices(4));
        Decomposition best = auto.analyze(schema, evidence, "sample").recommended();
        Decomposition fourServices = four.analyze(schema, evidence, "sample").recommended();
        return new Score(label, ari(best), best.services().size(), ari(fourServices));
    }

    static double ari(Decomposition decomposition) {
        Map<TableName, String> found = decomposition.assignment();
        List<String> intended = found.keySet().stream().map(t -> SampleShopWorkload.INTENDED.get(t.qualified())).toList();
        return PartitionAgreement.adjustedRandIndex(intended, List.copyOf(found.values()));
    }

    @Test
    void shouldScoreFullEvidenceAboveForeignKeysAlone() throws Exception {
        // Given: every table of the intended split is in the catalogue, and the workload parsed cleanly
        assertThat(schema.tables()).hasSize(SampleShopWorkload.INTENDED.size());
        assertThat(workload.stats().unparseable()).isZero();

        // When
        EvidenceWeights all = EvidenceWeights.DEFAULT;
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Score s : List.of(
                score("foreign keys only", all.only(EvidenceKind.FOREIGN_KEY), WorkloadEvidence.NONE),
                score("schema (foreign keys + naming)", all.only(EvidenceKind.FOREIGN_KEY, EvidenceKind.NAMING),
                        WorkloadEvidence.NONE),
                score("foreign keys + queries", all.only(EvidenceKind.FOREIGN_KEY, EvidenceKind.QUERY),
                        workload.withoutTransactions()),
                score("foreign keys + transactions", all.only(EvidenceKind.FOREIGN_KEY, EvidenceKind.TRANSACTION),
                        workload.withoutQueries()),
                score("all evidence", all, workload))) {
            scores.put(s.evidence(), s);
        }
        StringBuilder table = new StringBuilder("| evidence | ARI (best modularity) | services found | ARI (4 services) |\n"
                + "|---|---:|---:|---:|\n");
        scores.values().forEach(s -> table.append(String.format(Locale.ROOT, "| %s | %.3f | %d | %.3f |%n",
                s.evidence(), s.auto(), s.autoServices(), s.four())));
        Files.writeString(Path.of("target", "analyzer-evaluation" + (SEED == 7L ? "" : "-" + SEED) + ".md"),
                table.toString());
        // the sample report under examples/analyzer is this run's output (copied by hand when the analyzer changes)
        ReportWriter.write(new Analyzer(AnalyzerOptions.defaults()).analyze(schema, workload, "sample shop monolith"),
                Path.of("target", "analyzer-example"));
        System.out.println(table);

        // Then
        Score fkOnly = scores.get("foreign keys only");
        Score full = scores.get("all evidence");
        assertThat(full.auto()).as(table.toString()).isGreaterThan(fkOnly.auto());
        assertThat(full.four()).as(table.toString()).isGreaterThan(fkOnly.four());
        assertThat(scores.get("foreign keys + queries").auto()).as(table.toString()).isGreaterThanOrEqualTo(fkOnly.auto());
        assertThat(scores.get("foreign keys + transactions").auto()).as(table.toString())
                .isGreaterThanOrEqualTo(fkOnly.auto());
    }
}
