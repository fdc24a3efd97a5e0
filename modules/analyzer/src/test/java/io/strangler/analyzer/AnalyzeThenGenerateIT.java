package io.strangler.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.analyzer.evaluation.SampleShopWorkload;
import io.strangler.analyzer.evidence.ParseProgress;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.SqlLogReader;
import io.strangler.analyzer.evidence.StatementParser;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.analyzer.report.ReportWriter;
import io.strangler.analyzer.report.ServiceBoundary;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.generator.ApiGenerator;
import io.strangler.generator.GeneratedApi;
import io.strangler.generator.GeneratorOptions;
import io.strangler.generator.boundary.Boundary;
import io.strangler.generator.boundary.BoundaryFiles;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** analyze → generate: the generator reads every boundary file the analyzer writes and generates its API. */
@ExtendWith(EmbeddedPostgresExtension.class)
class AnalyzeThenGenerateIT {

    @TempDir
    Path dir;

    @Test
    void shouldGenerateAnApiFromEveryBoundaryFile(@Postgres TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            // Given: the analyzer's output for the sample monolith and its workload
            SampleMonolith.createSchema(c);
            SchemaEvidence schema = Analyzer.readSchema(c, List.of("public"));
            WorkloadEvidence workload = SqlLogReader.read(SampleShopWorkload.write(dir.resolve("w.sql"), 500, 3L), null,
                    new StatementParser(Analyzer.resolver(schema, List.of("public"))), ParseProgress.NONE);
            AnalysisResult result = new Analyzer(AnalyzerOptions.defaults()).analyze(schema, workload, "shop");
            ReportWriter.write(result, dir.resolve("out"));

            for (ServiceBoundary service : result.recommended().services()) {
                // When
                Boundary boundary = BoundaryFiles.read(
                        dir.resolve("out").resolve("boundaries").resolve(service.name() + ".boundary.json"), null);
                GeneratedApi api = ApiGenerator.generate(c, db.jdbcUrl(), db.user(), boundary,
                        GeneratorOptions.defaults(boundary.service()));

                // Then
                assertThat(boundary.service()).isEqualTo(service.name());
                assertThat(api.endpoints()).isNotEmpty();
                assertThat(api.files()).isNotEmpty();
                for (TableName table : service.tables()) {
                    assertThat(api.endpoints()).as("%s in %s", table, api.endpoints())
                            .anySatisfy(e -> assertThat(e).contains(table.name().replace('_', '-')));
                }
            }
        }
    }
}
