package io.strangler.generator.event;

import io.strangler.core.topic.Topic;
import io.strangler.generator.GeneratedApi;
import io.strangler.generator.model.Resource;
import io.strangler.schemas.ApiGenerated;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The {@code ApiGenerated} event on {@code strangler.generator.apis}, keyed by the service name, so a compacted
 * topic keeps each service's latest API. Carries no credentials: the JDBC URL is not part of it.
 * <pre>{@code
 * Topic<String, ApiGenerated> topic = topics.avro(topics.names().generatorApis(), ApiGenerated.class);
 * ApiGeneratedEvents.publish(ApiGeneratedEvents.toEvent(api, out, Instant.now()), producer, topic);
 * }</pre>
 */
public final class ApiGeneratedEvents {

    private ApiGeneratedEvents() {
    }

    public static ApiGenerated toEvent(GeneratedApi api, Path output, Instant generated) {
        return ApiGenerated.newBuilder()
                .setService(api.model().service())
                .setTables(api.model().resources().stream().map(r -> r.table().qualifiedName()).toList())
                .setEndpoints(api.endpoints())
                .setSpecSha256(api.spec().sha256())
                .setOutputLocation(output.toAbsolutePath().normalize().toString())
                .setReadOnlyTables(api.model().resources().stream().filter(Resource::readOnly)
                        .map(r -> r.table().qualifiedName()).toList())
                .setGeneratedMicros(generated.getEpochSecond() * 1_000_000L + generated.getNano() / 1_000)
                .build();
    }

    /** Sends the event and waits for the broker's acknowledgement. */
    public static void publish(ApiGenerated event, Producer<String, ApiGenerated> producer, Topic<String, ApiGenerated> topic) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), event.getService(), event)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing ApiGenerated to " + topic.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish ApiGenerated to " + topic.name() + ": " + e.getCause(), e);
        }
    }
}
