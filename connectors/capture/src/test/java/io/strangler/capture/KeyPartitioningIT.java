package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalValue;
import io.strangler.core.topic.KeyPartitioner;
import io.strangler.schemas.RowChange;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Capture places a row change by its key's values, not its key bytes: the same logical row of a PostgreSQL monolith
 * and a MariaDB service, whose key columns are named differently, lands in the same partition number — what lets the
 * sync process both without re-keying them.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class KeyPartitioningIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 4;
    private static final int LINES = 24;

    @Test
    void shouldPutTheSameKeyValuesInTheSamePartitionWhateverTheEngineAndKeyColumnNames(TestKafka kafka,
            @Postgres TestDatabase monolith, @MariaDb TestDatabase service) throws Exception {
        // Given order lines keyed (order_id, line_no) on PostgreSQL and (orderRef, position) on MariaDB, captured into
        // topics of 4 partitions
        monolith.execute("CREATE TABLE order_line (order_id bigint, line_no int, sku text,"
                + " PRIMARY KEY (order_id, line_no))");
        service.execute("CREATE TABLE line (orderRef bigint, position int, sku varchar(20),"
                + " PRIMARY KEY (orderRef, position))");
        String prefix = kafka.uniqueTopic("strangler");
        Map<String, String> monolithConfig = CaptureFixtures.postgres(monolith, kafka, "unused", prefix, "order_line");
        Map<String, String> serviceConfig = CaptureFixtures.mariadb(service, kafka, "unused", prefix, "line");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory()) {
            for (Map<String, String> config : List.of(monolithConfig, serviceConfig)) {
                config.put(CaptureConfig.SCHEMA_REGISTRY_URL, registry.url());
                config.put(CaptureConfig.TOPIC_PARTITIONS, Integer.toString(PARTITIONS));
            }
            try (CaptureProcessor monolithCapture = new CaptureProcessor(new CaptureConfig(monolithConfig));
                 CaptureProcessor serviceCapture = new CaptureProcessor(new CaptureConfig(serviceConfig));
                 ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                         RestSchemaRegistryClient.create(registry.url()), prefix)) {
                monolithCapture.start();
                serviceCapture.start();
                await().atMost(TIMEOUT).until(() -> monolithCapture.state() == CaptureState.RUNNING
                        && serviceCapture.state() == CaptureState.RUNNING);

                // When the same lines are inserted on both
                for (int i = 0; i < LINES; i++) {
                    long order = 1_000 + i / 3;
                    int line = i % 3 + 1;
                    monolith.execute("INSERT INTO order_line VALUES (" + order + ", " + line + ", 'sku-" + i + "')");
                    service.execute("INSERT INTO line VALUES (" + order + ", " + line + ", 'sku-" + i + "')");
                }

                // Then each change sits in its key's partition, and a line's two changes in the same one
                await().atMost(TIMEOUT).until(() -> collector.changesOf("order_line").size() >= LINES
                        && collector.changesOf("line").size() >= LINES);
                Map<List<Object>, Integer> monolithPartitions = partitionsByKeyValues(collector.changesOf("order_line"),
                        List.of("order_id", "line_no"));
                Map<List<Object>, Integer> servicePartitions = partitionsByKeyValues(collector.changesOf("line"),
                        List.of("orderRef", "position"));
                assertThat(monolithPartitions).hasSize(LINES).isEqualTo(servicePartitions);
                assertThat(monolithPartitions.values().stream().distinct().count())
                        .as("lines spread over partitions").isGreaterThan(1);
            }
        }
    }

    /** Key values (in key order) → the partition the change was read from, checked against the partitioner. */
    private static Map<List<Object>, Integer> partitionsByKeyValues(List<ChangeCollector.Received<RowChange>> changes,
            List<String> keyColumns) {
        Map<List<Object>, Integer> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (ChangeCollector.Received<RowChange> received : changes) {
            Map<String, Object> avroKey = new LinkedHashMap<>();
            received.value().getKey().forEach((column, value) -> avroKey.put(column.toString(), value));
            Map<String, Object> values = new LinkedHashMap<>();
            keyColumns.forEach(column -> values.put(column, CanonicalValue.fromAvro(avroKey.get(column))));
            CanonicalKey key = CanonicalKey.of(values);
            assertThat(received.partition()).as("partition of %s", key)
                    .isEqualTo(KeyPartitioner.partition(key, PARTITIONS));
            out.put(values.values().stream().collect(Collectors.toList()), received.partition());
        }
        return out;
    }
}
