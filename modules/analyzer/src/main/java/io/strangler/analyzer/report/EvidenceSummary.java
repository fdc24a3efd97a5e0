package io.strangler.analyzer.report;

import io.strangler.analyzer.evidence.ParseStats;
import io.strangler.analyzer.evidence.TableName;
import java.util.List;

/**
 * What the analysis stood on.
 *
 * @param tables                  tables placed
 * @param foreignKeys             foreign keys between them
 * @param tablesWithoutPrimaryKey tables the sync cannot key until they get one
 * @param queryPatterns           distinct sets of tables touched together
 * @param queryCalls              statements counted (weighted by calls)
 * @param transactionPatterns     distinct sets of tables written together
 * @param transactions            committed transactions counted
 * @param parse                   how well the workload sources could be read
 */
public record EvidenceSummary(int tables, int foreignKeys, List<TableName> tablesWithoutPrimaryKey, int queryPatterns,
        long queryCalls, int transactionPatterns, long transactions, ParseStats parse) {

    public EvidenceSummary {
        tablesWithoutPrimaryKey = List.copyOf(tablesWithoutPrimaryKey);
    }
}
