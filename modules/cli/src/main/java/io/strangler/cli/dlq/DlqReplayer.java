package io.strangler.cli.dlq;

import io.strangler.core.topic.ReplayedRecords;
import io.strangler.core.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-publishes dead letters' records in one Kafka transaction together with their markers on
 * {@link TopicNames#dlqReplayed()}: either every record and its marker are there, or none, so a replay that crashed
 * half-way is simply run again. The transactional id is fixed per prefix, so two replays at once fence each other
 * instead of both publishing. Each record sent carries the {@link ReplayedRecords} header, so that it is applied on its
 * own rather than awaited as part of its long-gone source transaction.
 */
final class DlqReplayer implements AutoCloseable {

    private final DlqSettings settings;
    private final TopicNames names;
    private final Clock clock;
    private final KafkaProducer<byte[], byte[]> producer;

    DlqReplayer(DlqSettings settings, Clock clock) {
        this.settings = settings;
        this.names = new TopicNames(settings.topicPrefix());
        this.clock = clock;
        ensureMarkerTopic();
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "strangler-dlq-replay");
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "strangler-dlq-replay-" + names.prefix());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.timeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(settings.timeout().toMillis(), 30_000));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(settings.timeout().toMillis(), 30_000));
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw failure("cannot start a transaction", e);
        }
    }

    /** Sends every record and its marker, and commits; nothing is visible to read-committed readers before. */
    void replay(List<ReplayDecision.Send> sends) {
        if (sends.isEmpty()) {
            return;
        }
        try {
            producer.beginTransaction();
            for (ReplayDecision.Send send : sends) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(send.topic(),
                        send.partition().orElse(null), send.key(), send.value());
                ReplayedRecords.mark(record.headers(), send.entry().position());
                producer.send(record);
                producer.send(new ProducerRecord<>(names.dlqReplayed(), 0,
                        send.entry().position().getBytes(StandardCharsets.UTF_8), marker(send)));
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw failure("replay aborted, nothing was published", e);
        }
    }

    private byte[] marker(ReplayDecision.Send send) {
        // a small, human-readable record of what was sent where and when, for whoever inspects the topic
        return ("{\"topic\":\"" + send.topic() + "\",\"partition\":" + send.partition().map(String::valueOf)
                .orElse("null") + ",\"replayedAt\":\"" + clock.instant() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private void ensureMarkerTopic() {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "strangler-dlq-admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        try (Admin admin = Admin.create(config)) {
            NewTopic topic = new NewTopic(names.dlqReplayed(), Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failure("cannot create " + names.dlqReplayed(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw failure("cannot create " + names.dlqReplayed(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted creating " + names.dlqReplayed(), e);
        }
    }

    private DlqUnavailableException failure(String what, Throwable e) {
        return new DlqUnavailableException(what + " on Kafka at " + settings.bootstrapServers() + " (timeout "
                + settings.timeout() + "): " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
