package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.capture.internal.KafkaSink;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.schemas.Operation;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A send the broker refuses fails the batch: nothing of it is committed, the producer is replaced, and once the
 * broker accepts records again the very change that failed is delivered (from the replayed offset), then capture
 * goes on streaming.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class SendFailureRecoveryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TOO_SMALL_FOR_ANY_CHANGE = "64";

    @Test
    void shouldRedeliverAChangeWhoseSendFailedThroughANewProducer(TestKafka kafka, @Postgres TestDatabase db)
            throws Exception {
        // Given a captured table whose topic refuses every record because its max.message.bytes is tiny
        db.execute("CREATE TABLE item (id int PRIMARY KEY, name text)");
        String prefix = kafka.uniqueTopic("strangler");
        AtomicInteger producersCreated = new AtomicInteger();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
             Admin admin = Admin.create(kafka.clientProperties())) {
            CaptureConfig config = new CaptureConfig(CaptureFixtures.postgres(db, kafka, registry.url(), prefix, "item"));
            String topic = config.topicNames().cdc(config.sourceName(), "public", "item");
            kafka.createTopic(topic, 1, Map.of("max.message.bytes", TOO_SMALL_FOR_ANY_CHANGE));
            try (CaptureProcessor capture = new CaptureProcessor(config, new SimpleMeterRegistry(), producerConfig -> {
                     producersCreated.incrementAndGet();
                     return KafkaSink.KAFKA_PRODUCERS.apply(producerConfig);
                 });
                 ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                         RestSchemaRegistryClient.create(registry.url()), prefix)) {
                capture.start();
                await().atMost(TIMEOUT).until(() -> capture.state() == CaptureState.RUNNING);

                // When a change is made that Kafka refuses
                db.execute("INSERT INTO item VALUES (1, 'refused at first')");

                // Then the failed batch makes capture retry with new producers, and nothing of the change is written
                await().atMost(TIMEOUT).until(() -> producersCreated.get() >= 3);
                assertThat(capture.lastError()).get(InstanceOfAssertFactories.THROWABLE)
                        .hasMessageContaining(topic).hasRootCauseInstanceOf(RecordTooLargeException.class);
                assertThat(capture.state()).isIn(CaptureState.RETRYING, CaptureState.RUNNING);
                assertThat(collector.changesOf("item")).isEmpty();

                // When the topic accepts records again
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                        (Collection<AlterConfigOp>) List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", null),
                                AlterConfigOp.OpType.DELETE)))).all().get();

                // Then the change that failed arrives after all (its offset was never committed), and streaming goes on
                await().atMost(TIMEOUT).until(() -> hasInsertOf(collector, 1));
                db.execute("INSERT INTO item VALUES (2, 'after recovery')");
                await().atMost(TIMEOUT).until(() -> hasInsertOf(collector, 2));
                assertThat(capture.state()).isEqualTo(CaptureState.RUNNING);
            }
        }
    }

    private static boolean hasInsertOf(ChangeCollector collector, int id) {
        return collector.changesOf("item").stream()
                .anyMatch(received -> received.value().getOp() == Operation.CREATE
                        && ("{\"id\":" + id + "}").equals(received.key()));
    }
}
