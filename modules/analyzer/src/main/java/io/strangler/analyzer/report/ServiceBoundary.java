package io.strangler.analyzer.report;

import io.strangler.analyzer.evidence.TableName;
import java.util.List;
import java.util.Objects;

/**
 * One recommended service: its tables, why they are together, and what crosses its boundary.
 *
 * @param name                      lower case, digits and '-', unique in the decomposition
 * @param tables                    sorted
 * @param strongestEdges            the heaviest edges inside, with the evidence behind them
 * @param foreignKeysToBreak        foreign keys between this service's tables and another service's
 * @param remoteQueries             statement patterns touching this service and another (they become remote calls),
 *                                  most frequent first, at most {@link DecompositionBuilder#LISTED}
 * @param remoteQueryCalls          all such calls, listed or not
 * @param distributedTransactions   transaction patterns writing this service and another (they become sagas)
 * @param distributedTransactionCount all such transactions
 * @param internalWeight            total edge weight inside
 * @param boundaryWeight            total edge weight crossing the boundary
 */
public record ServiceBoundary(String name, List<TableName> tables, List<EdgeReason> strongestEdges,
        List<CutForeignKey> foreignKeysToBreak, List<CrossingQuery> remoteQueries, long remoteQueryCalls,
        List<CrossingTransaction> distributedTransactions, long distributedTransactionCount, double internalWeight,
        double boundaryWeight) {

    public ServiceBoundary {
        Objects.requireNonNull(name, "name");
        tables = List.copyOf(tables);
        strongestEdges = List.copyOf(strongestEdges);
        foreignKeysToBreak = List.copyOf(foreignKeysToBreak);
        remoteQueries = List.copyOf(remoteQueries);
        distributedTransactions = List.copyOf(distributedTransactions);
    }

    /** An edge and the evidence that weighs it, e.g. "foreign key 1.00 + co-access 2.31". */
    public record EdgeReason(TableName a, TableName b, double weight, String evidence) {
    }

    /** A foreign key that crosses to {@code otherService}. */
    public record CutForeignKey(TableName from, TableName to, String constraint, List<String> columns,
            String otherService) {
        public CutForeignKey {
            columns = List.copyOf(columns);
        }
    }

    public record CrossingQuery(List<TableName> tables, List<String> services, long calls, String example) {
        public CrossingQuery {
            tables = List.copyOf(tables);
            services = List.copyOf(services);
        }
    }

    public record CrossingTransaction(List<TableName> tables, List<String> services, long count) {
        public CrossingTransaction {
            tables = List.copyOf(tables);
            services = List.copyOf(services);
        }
    }
}
