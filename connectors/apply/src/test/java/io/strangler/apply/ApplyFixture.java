package io.strangler.apply;

import io.strangler.apply.internal.ApplyHooks;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.CanonicalValue;
import io.strangler.core.topic.ReplayedRecords;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.TopicNames;
import io.strangler.core.topic.Topics;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.DeadLetter;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One apply pipeline for a test: an in-memory schema registry, a unique topic prefix with the apply and DLQ topics
 * on the shared broker, a producer of ApplyCommands with the real serde, and sink configurations for a database.
 */
final class ApplyFixture implements AutoCloseable {

    private static final AtomicInteger TARGETS = new AtomicInteger();

    final TestKafka kafka;
    final EmbeddedSchemaRegistry registry;
    final String prefix;
    final String target;
    final Topics topics;
    final Topic<String, ApplyCommand> applyTopic;
    private final KafkaProducer<String, ApplyCommand> producer;

    ApplyFixture(TestKafka kafka, String name, int partitions) {
        this.kafka = kafka;
        this.registry = EmbeddedSchemaRegistry.startInMemory();
        this.prefix = kafka.uniqueTopic("apply-" + name).replace('_', '-');
        this.target = name.replace('_', '-') + "-" + TARGETS.incrementAndGet();
        this.topics = new Topics(new TopicNames(prefix), RestSchemaRegistryClient.create(registry.url()));
        this.applyTopic = topics.apply(target);
        kafka.createTopic(applyTopic.name(), partitions, Map.of());
        kafka.createTopic(topics.names().syncDlq(), 1, Map.of());
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, applyTopic.keySerde().serializer(), applyTopic.valueSerde().serializer());
    }

    Map<String, Object> config(TestDatabase db) {
        return config(db.jdbcUrl(), db.user(), db.password());
    }

    Map<String, Object> config(String jdbcUrl, String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(ApplySinkConfig.TARGET, target);
        config.put(ApplySinkConfig.JDBC_URL, jdbcUrl);
        config.put(ApplySinkConfig.JDBC_USER, user);
        config.put(ApplySinkConfig.JDBC_PASSWORD, password);
        config.put(ApplySinkConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        config.put(ApplySinkConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(ApplySinkConfig.TOPIC_PREFIX, prefix);
        config.put(ApplySinkConfig.GROUP_ID, prefix + "-apply-" + target);
        config.put(ApplySinkConfig.RETRY_BACKOFF_MS, 100L);
        config.put(ApplySinkConfig.RETRY_BACKOFF_MAX_MS, 1_000L);
        return config;
    }

    ApplySink sink(Map<String, Object> config) {
        return sink(config, ApplyHooks.NONE);
    }

    ApplySink sink(Map<String, Object> config, ApplyHooks hooks) {
        return new ApplySink(new ApplySinkConfig(config), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), hooks);
    }

    ApplyCommand upsert(String schema, String table, Map<String, Object> key, Map<String, Object> row) {
        return command(schema, table, ApplyOperation.UPSERT, key, row);
    }

    ApplyCommand upsert(String schema, String table, Map<String, Object> key, Map<String, Object> row,
                        Map<String, Object> insertOnly) {
        ApplyCommand command = command(schema, table, ApplyOperation.UPSERT, key, row);
        command.setInsertOnly(avro(insertOnly));
        return command;
    }

    /** An UPSERT of counter columns as the sync sends it: their new-row values in insertOnly, their amounts in increments. */
    ApplyCommand upsert(String schema, String table, Map<String, Object> key, Map<String, Object> row,
                        Map<String, Object> insertOnly, Map<String, Object> increments) {
        ApplyCommand command = upsert(schema, table, key, row, insertOnly);
        command.setIncrements(new LinkedHashMap<>(increments));
        return command;
    }

    /** Adds the amounts (Long, or a decimal String) to the counter columns of the row with this key, if it exists. */
    ApplyCommand increment(String schema, String table, Map<String, Object> key, Map<String, Object> increments) {
        ApplyCommand command = command(schema, table, ApplyOperation.INCREMENT, key, null);
        command.setIncrements(new LinkedHashMap<>(increments));
        return command;
    }

    ApplyCommand delete(String schema, String table, Map<String, Object> key) {
        return command(schema, table, ApplyOperation.DELETE, key, null);
    }

    private ApplyCommand command(String schema, String table, ApplyOperation op, Map<String, Object> key,
                                 Map<String, Object> row) {
        Instant now = Instant.now();
        return ApplyCommand.newBuilder()
                .setMapping("test")
                .setTarget(target)
                .setSchema$(schema)
                .setTable(table)
                .setOp(op)
                .setKey(avro(key))
                .setRow(row == null ? null : avro(row))
                .setRowHash(new io.strangler.schemas.RowHash(new byte[16]))
                .setOriginSide("monolith")
                .setOriginCommitMicros(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000)
                .setReason(ApplyReason.SYNC)
                .build();
    }

    private static Map<String, Object> avro(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        CanonicalRow.of(values).values().forEach((k, v) -> out.put(k, CanonicalValue.toAvro(v)));
        return out;
    }

    /** Produces in order, keyed by the command's canonical key JSON so that one key stays in one partition. */
    void produce(List<ApplyCommand> commands) throws Exception {
        for (ApplyCommand command : commands) {
            producer.send(new ProducerRecord<>(applyTopic.name(), recordKey(command), command));
        }
        producer.flush();
    }

    /** Produces {@code command} as {@code strangler dlq replay} sends a dead letter again: with its replay header. */
    void produceReplayed(ApplyCommand command) throws Exception {
        ProducerRecord<String, ApplyCommand> record = new ProducerRecord<>(applyTopic.name(), recordKey(command),
                command);
        ReplayedRecords.mark(record.headers(), "0:0");
        producer.send(record);
        producer.flush();
    }

    private static String recordKey(ApplyCommand command) {
        Map<String, Object> key = new LinkedHashMap<>();
        command.getKey().forEach((k, v) -> key.put(k.toString(), CanonicalValue.fromAvro(v)));
        return command.getTable() + ":" + io.strangler.core.row.CanonicalKey.of(key).encode();
    }

    /** Raw bytes on the apply topic: a poison record the serde cannot read. */
    void produceRaw(String key, byte[] value) throws Exception {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(applyTopic.name(), key, value)).get();
        }
    }

    /** Every command on the apply topic, per partition in offset order (index = offset: the test producer is not transactional). */
    Map<Integer, List<ApplyCommand>> readApplyCommands(int expected, Duration timeout) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-apply-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<Integer, List<ApplyCommand>> commands = new java.util.TreeMap<>();
        try (KafkaConsumer<String, ApplyCommand> consumer = new KafkaConsumer<>(props, applyTopic.keySerde().deserializer(),
                applyTopic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(applyTopic.name()));
            long deadline = System.nanoTime() + timeout.toNanos();
            int read = 0;
            while (read < expected && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    List<ApplyCommand> partition = commands.computeIfAbsent(record.partition(), p -> new ArrayList<>());
                    if (record.offset() != partition.size()) {
                        throw new IllegalStateException("gap on partition " + record.partition() + " at " + record.offset());
                    }
                    partition.add(record.value());
                    read++;
                }
            }
        }
        return commands;
    }

    List<DeadLetter> readDeadLetters(int expected, Duration timeout) {
        Topic<String, DeadLetter> dlq = topics.avro(topics.names().syncDlq(), DeadLetter.class);
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-dlq-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(props, dlq.keySerde().deserializer(),
                dlq.valueSerde().deserializer())) {
            consumer.subscribe(List.of(dlq.name()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (letters.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
            }
        }
        return letters;
    }

    @Override
    public void close() {
        producer.close();
        registry.close();
    }
}
