package io.strangler.validator;

import io.strangler.core.topic.Topic;
import io.strangler.schemas.TableValidation.Builder;
import io.strangler.schemas.ValidationReport;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The {@code ValidationReport} event published on {@code strangler.validator.reports}, keyed by the run id.
 * <pre>{@code
 * Topic<String, ValidationReport> topic = topics.avro(topics.names().validatorReports(), ValidationReport.class);
 * ValidationReportEvents.publish(result, producer, topic.name());
 * }</pre>
 */
public final class ValidationReportEvents {

    static final int SAMPLE_KEYS = 20;

    private ValidationReportEvents() {
    }

    public static ValidationReport toEvent(ValidationResult result) {
        return ValidationReport.newBuilder()
                .setRunId(result.runId())
                .setStartedMicros(micros(result.started()))
                .setFinishedMicros(micros(result.finished()))
                .setComplete(true)
                .setConsistencyPercent(result.consistencyPercent())
                .setTables(result.tables().stream().map(ValidationReportEvents::table).toList())
                .build();
    }

    /** Sends the event and waits for the broker's acknowledgement. */
    public static void publish(ValidationResult result, Producer<String, ValidationReport> producer, String topic) {
        try {
            producer.send(new ProducerRecord<>(topic, result.runId(), toEvent(result))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValidationException("interrupted while publishing the validation report to " + topic, e);
        } catch (ExecutionException e) {
            throw new ValidationException("cannot publish the validation report to " + topic + ": " + e.getCause(), e);
        }
    }

    /** For callers that hold a typed topic. */
    public static void publish(ValidationResult result, Producer<String, ValidationReport> producer,
                               Topic<String, ValidationReport> topic) {
        publish(result, producer, topic.name());
    }

    private static io.strangler.schemas.TableValidation table(TableValidation t) {
        Builder builder = io.strangler.schemas.TableValidation.newBuilder()
                .setMapping(t.mapping()).setMonolithTable(t.monolithTable()).setServiceTable(t.serviceTable())
                .setMode(t.mode().label()).setMonolithRows(t.monolithRows()).setServiceRows(t.serviceRows())
                .setMatchingRows(t.matchingRows()).setMissingOnService(t.missingOnService())
                .setMissingOnMonolith(t.missingOnMonolith()).setDifferingRows(t.differingRows())
                .setConsistencyPercent(t.consistencyPercent())
                .setForeignKeysChecked(t.orphans().checked())
                .setOrphansOnMonolith(t.orphans().onMonolith())
                .setOrphansOnService(t.orphans().onService());
        List<String> sample = t.discrepancies().stream().limit(SAMPLE_KEYS).map(d -> d.key().encode()).toList();
        return builder.setSampleKeys(List.copyOf(sample)).build();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
