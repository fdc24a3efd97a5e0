package io.strangler.analyzer.event;

import io.strangler.analyzer.AnalyzerException;
import io.strangler.analyzer.metrics.PartitionMetrics;
import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.analyzer.report.Decomposition;
import io.strangler.analyzer.report.ServiceBoundary;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.core.topic.Topic;
import io.strangler.schemas.BoundaryDecomposition;
import io.strangler.schemas.BoundaryMetrics;
import io.strangler.schemas.BoundaryRecommendation;
import io.strangler.schemas.ServiceRecommendation;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The {@code BoundaryRecommendation} event on {@code strangler.analyzer.boundaries}, keyed by the run id.
 * <pre>{@code
 * Topic<String, BoundaryRecommendation> topic = topics.avro(topics.names().analyzerBoundaries(), BoundaryRecommendation.class);
 * BoundaryRecommendationEvents.publish(result, producer, topic);
 * }</pre>
 */
public final class BoundaryRecommendationEvents {

    private BoundaryRecommendationEvents() {
    }

    public static BoundaryRecommendation toEvent(AnalysisResult result) {
        return BoundaryRecommendation.newBuilder()
                .setRunId(result.runId())
                .setCreatedMicros(micros(result.createdAt()))
                .setDatabase(result.database())
                .setRecommended(decomposition(result.recommended()))
                .setAlternatives(result.alternatives().stream().map(BoundaryRecommendationEvents::decomposition).toList())
                .setNotes(result.notes())
                .build();
    }

    /** Sends the event and waits for the broker's acknowledgement. */
    public static void publish(AnalysisResult result, Producer<String, BoundaryRecommendation> producer,
            Topic<String, BoundaryRecommendation> topic) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), result.runId(), toEvent(result))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalyzerException("interrupted while publishing the recommendation to " + topic.name(), e);
        } catch (ExecutionException e) {
            throw new AnalyzerException("cannot publish the recommendation to " + topic.name() + ": " + e.getCause(), e);
        }
    }

    private static BoundaryDecomposition decomposition(Decomposition d) {
        PartitionMetrics m = d.metrics();
        return BoundaryDecomposition.newBuilder()
                .setLabel(d.label())
                .setResolution(d.resolution())
                .setServices(d.services().stream().map(BoundaryRecommendationEvents::service).toList())
                .setMetrics(BoundaryMetrics.newBuilder()
                        .setModularity(m.modularity())
                        .setStructuralModularity(m.structuralModularity())
                        .setForeignKeys(m.foreignKeys())
                        .setCrossServiceForeignKeys(m.crossServiceForeignKeys())
                        .setInterPartitionCallPercentage(m.interPartitionCallPercentage())
                        .setNonDistributedTransactionsPercent(m.nonDistributedTransactions())
                        .setInterfaceNumber(m.interfaceNumber())
                        .setNonExtremeDistribution(m.nonExtremeDistribution())
                        .build())
                .build();
    }

    private static ServiceRecommendation service(ServiceBoundary s) {
        return ServiceRecommendation.newBuilder()
                .setName(s.name())
                .setTables(s.tables().stream().map(TableName::qualified).toList())
                .setForeignKeysToBreak(s.foreignKeysToBreak().size())
                .setRemoteQueryCalls(s.remoteQueryCalls())
                .setDistributedTransactions(s.distributedTransactionCount())
                .build();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
