package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A database that is not there yet: a named error while retrying, then capture once it comes up. */
@ExtendWith(EmbeddedKafkaExtension.class)
class UnreachableDatabaseIT {

    @Test
    void shouldReportTheUnreachableDatabaseByNameAndRecoverWhenItComesUp(TestKafka kafka) throws Exception {
        // Given capture configured for a PostgreSQL server that is not running
        int port = freePort();
        String prefix = kafka.uniqueTopic("strangler");
        Map<String, String> props = new HashMap<>();
        props.put(CaptureConfig.SOURCE_NAME, "lonely");
        props.put(CaptureConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(CaptureConfig.TOPIC_PREFIX, prefix);
        props.put(CaptureConfig.RETRY_BACKOFF_INITIAL_MS, "200");
        props.put(CaptureConfig.RETRY_BACKOFF_MAX_MS, "500");
        props.put(CaptureConfig.METRICS_JMX_ENABLED, "false");
        props.put("database.hostname", "127.0.0.1");
        props.put("database.port", Integer.toString(port));
        props.put("database.user", "postgres");
        props.put("database.password", "unused-trust-auth");
        props.put("database.dbname", "postgres");
        props.put("table.include.list", "public.ping");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
             ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                     RestSchemaRegistryClient.create(registry.url()), prefix)) {
            props.put(CaptureConfig.SCHEMA_REGISTRY_URL, registry.url());
            try (CaptureProcessor capture = new CaptureProcessor(new CaptureConfig(props))) {
                capture.start();

                // Then it retries, with an error naming the source and the database address
                await().atMost(Duration.ofSeconds(30)).until(() -> capture.state() == CaptureState.RETRYING);
                assertThat(capture.lastError()).get().extracting(Throwable::getMessage).asString()
                        .contains("Capture 'lonely' cannot reach its postgresql database 'postgres' at 127.0.0.1:" + port);

                // When the database comes up with the table
                try (EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()
                        .withPort(port).withServerConfig("synchronous_commit", "on"))) {
                    try (Connection connection = DriverManager.getConnection(postgres.superuserJdbcUrl());
                         Statement statement = connection.createStatement()) {
                        statement.execute("CREATE TABLE ping (id int PRIMARY KEY, note text)");
                        statement.execute("INSERT INTO ping VALUES (1, 'hello')");
                    }

                    // Then capture recovers on its own and the row arrives
                    await().atMost(Duration.ofSeconds(60)).until(() -> capture.state() == CaptureState.RUNNING);
                    await().atMost(Duration.ofSeconds(30)).until(() -> collector.changesOf("ping").size() >= 1);
                    assertThat(collector.changesOf("ping").get(0).key()).isEqualTo("{\"id\":1}");
                    capture.stop();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
