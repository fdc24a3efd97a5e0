package io.strangler.capture;

import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.serde.AvroDeserializer;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Test helper: reads every capture output topic of one prefix in the background and keeps what it saw. */
final class ChangeCollector implements AutoCloseable {

    /** One consumed record with where it was read. */
    record Received<V>(String topic, int partition, long offset, String key, V value, long receivedMicros) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<SpecificRecord> values;
    private final Thread thread;
    private final String dlqTopic;
    final List<Received<RowChange>> changes = new CopyOnWriteArrayList<>();
    final List<Received<TransactionEvent>> transactions = new CopyOnWriteArrayList<>();
    final List<Received<DeadLetter>> deadLetters = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    ChangeCollector(Map<String, Object> clientProperties, SchemaRegistryClient registry, String prefix) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "collector-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.values = new AvroDeserializer<>(registry, null, false);
        this.dlqTopic = prefix + ".sync.dlq";
        Pattern pattern = Pattern.compile(Pattern.quote(prefix) + "\\.(cdc\\..*|sync\\.dlq)");
        consumer.subscribe(pattern);
        this.thread = new Thread(this::run, "collector-" + prefix);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis() * 1_000L;
                    SpecificRecord value = values.deserialize(record.topic(), record.value());
                    if (value instanceof RowChange change) {
                        changes.add(new Received<>(record.topic(), record.partition(), record.offset(), record.key(),
                                change, now));
                    } else if (value instanceof TransactionEvent event) {
                        transactions.add(new Received<>(record.topic(), record.partition(), record.offset(),
                                record.key(), event, now));
                    } else if (value instanceof DeadLetter letter && record.topic().equals(dlqTopic)) {
                        deadLetters.add(new Received<>(record.topic(), record.partition(), record.offset(),
                                record.key(), letter, now));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    List<Received<RowChange>> changesOf(String table) {
        List<Received<RowChange>> out = new ArrayList<>();
        for (Received<RowChange> received : changes) {
            if (received.value().getTable().equals(table)) {
                out.add(received);
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
