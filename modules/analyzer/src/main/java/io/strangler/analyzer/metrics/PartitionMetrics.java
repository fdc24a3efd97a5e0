package io.strangler.analyzer.metrics;

/**
 * How good a decomposition is, in the terms the microservice-decomposition literature reports, adapted to tables.
 *
 * @param services                      number of services
 * @param modularity                    Newman modularity of the weighted table graph (higher is better, &lt; 1)
 * @param structuralModularity          SM (Jin et al. 2019) on the foreign-key graph: mean cohesion minus mean
 *                                      coupling (higher is better)
 * @param foreignKeys                   foreign keys between different tables
 * @param crossServiceForeignKeys       of those, the ones between services (to break)
 * @param interPartitionCallPercentage  ICP: share of query calls that touch tables of more than one service, in %
 *                                      (lower is better)
 * @param queriesInsideOneService       share of query calls that stay inside one service, in % (100 − ICP)
 * @param interfaceNumber               IFN: mean number of tables per service that other services reach (a crossing
 *                                      foreign key, query or transaction); lower is better
 * @param nonExtremeDistribution        NED: share of tables in services of extreme size (fewer than
 *                                      {@link MetricsCalculator#NED_MIN} or more than {@link MetricsCalculator#NED_MAX}
 *                                      tables), 0..1, lower is better
 * @param nonDistributedTransactions    share of transactions whose writes stay in one service, in % (higher is better)
 */
public record PartitionMetrics(int services, double modularity, double structuralModularity, int foreignKeys,
        int crossServiceForeignKeys, double interPartitionCallPercentage, double queriesInsideOneService,
        double interfaceNumber, double nonExtremeDistribution, double nonDistributedTransactions) {

    /** One line for the CLI and the reports. */
    public String summaryLine() {
        return String.format(java.util.Locale.ROOT, "%d services, modularity %.3f, SM %.3f, cross-service FKs %d/%d,"
                        + " queries inside one service %.1f%% (ICP %.1f%%), non-distributed transactions %.1f%%,"
                        + " IFN %.2f, NED %.2f", services, modularity, structuralModularity, crossServiceForeignKeys,
                foreignKeys, queriesInsideOneService, interPartitionCallPercentage, nonDistributedTransactions,
                interfaceNumber, nonExtremeDistribution);
    }
}
