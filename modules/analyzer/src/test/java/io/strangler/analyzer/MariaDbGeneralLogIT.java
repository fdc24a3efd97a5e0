package io.strangler.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.analyzer.evaluation.SampleShopWorkload;
import io.strangler.analyzer.evidence.LogFormat;
import io.strangler.analyzer.evidence.ParseProgress;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.SqlLogReader;
import io.strangler.analyzer.evidence.StatementParser;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.embedded.sample.SampleEngine;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.TestDatabase;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sample monolith on MariaDB, its workload as a MySQL general query log with interleaved threads. */
@ExtendWith(EmbeddedMariaDbExtension.class)
class MariaDbGeneralLogIT {

    @TempDir
    Path dir;

    @Test
    void shouldAnalyseAMariaDbCatalogueWithAGeneralLog(@MariaDb TestDatabase db) throws Exception {
        // Given: the workload's use cases, each on one of three threads, written as the general log writes them
        Path log = dir.resolve("general.log");
        List<String> statements = SampleShopWorkload.statements(600, 5L);
        try (BufferedWriter out = Files.newBufferedWriter(log)) {
            out.write("/usr/sbin/mariadbd, Version: 11.4.5-MariaDB (MariaDB Server). started with:\n");
            out.write("Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock\nTime\t\t    Id Command\tArgument\n");
            int thread = 10;
            for (int i = 0; i < statements.size(); i++) {
                String sql = statements.get(i).replace("BEGIN", "START TRANSACTION").replace("'\\x00'", "x'00'");
                out.write(String.format(Locale.ROOT, "261207  1:%02d:%02d\t%6d Query\t%s%n", (i / 60) % 60, i % 60,
                        thread, sql));
                if (sql.equals("COMMIT")) {
                    thread = 10 + (thread - 9) % 3; // the next use case on another connection
                }
            }
        }
        SchemaEvidence schema;
        try (Connection c = db.connect()) {
            SampleMonolith.createSchema(c, SampleEngine.MARIADB);
            schema = Analyzer.readSchema(c, List.of(db.database()));
        }

        // When
        WorkloadEvidence workload = SqlLogReader.read(log, null,
                new StatementParser(Analyzer.resolver(schema, List.of(db.database()))), ParseProgress.NONE);
        AnalysisResult result = new Analyzer(AnalyzerOptions.defaults()).analyze(schema, workload, db.database());

        // Then: recognised as a general log, parsed, and the order tables end up together
        assertThat(SqlLogReader.detect(Files.readAllLines(log).subList(0, 10))).contains(LogFormat.MYSQL_GENERAL_LOG);
        assertThat(schema.tables()).hasSize(20);
        assertThat(workload.stats().unparseable()).isZero();
        assertThat(workload.stats().unterminated()).isZero();
        assertThat(workload.totalTransactions()).isPositive();
        TableName orders = new TableName(db.database(), "orders");
        String ordersService = result.recommended().assignment().get(orders);
        assertThat(result.recommended().service(ordersService).orElseThrow().tables())
                .contains(new TableName(db.database(), "order_items"), new TableName(db.database(), "payments"));
    }
}
