package io.strangler.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.RowChange;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedSchemaRegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeSchemaRegisteredWithPlainHttpClientById(TestKafka kafka) throws Exception {
        String topic = kafka.uniqueTopic("_schemas-http");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.clientProperties(), topic, 0)) {
            // Given a schema registered with a plain HTTP POST in the Confluent format
            String body = JSON.createObjectNode().put("schema", RowChange.getClassSchema().toString()).toString();
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(registry.url()
                            + "/subjects/orders-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).isEqualTo(200);
            int id = JSON.readTree(registered.body()).get("id").asInt();

            // When it is fetched by id
            HttpResponse<String> byId = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/schemas/ids/" + id))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            // Then the same schema comes back
            JsonNode answer = JSON.readTree(byId.body());
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(byId.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
            assertThat(new org.apache.avro.Schema.Parser().parse(answer.get("schema").asText()))
                    .isEqualTo(RowChange.getClassSchema());
        }
    }

    @Test
    void shouldKeepIdsVersionsAndConfigAfterRestartOnSameTopic(TestKafka kafka) {
        String topic = kafka.uniqueTopic("_schemas-restart");
        int rowChangeId;
        int applyId;
        int conflictId;
        try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(kafka.clientProperties(), topic, 0)) {
            RestSchemaRegistryClient client = RestSchemaRegistryClient.create(first.url());
            rowChangeId = client.register("a-value", RowChange.getClassSchema());
            applyId = client.register("b-value", ApplyCommand.getClassSchema());
            conflictId = client.register("c-value", Conflict.getClassSchema());
            client.setCompatibility("b-value", CompatibilityLevel.FULL);
        }

        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(kafka.clientProperties(), topic, 0)) {
            RestSchemaRegistryClient client = RestSchemaRegistryClient.create(second.url());

            assertThat(client.schemaById(applyId)).isEqualTo(ApplyCommand.getClassSchema());
            assertThat(client.latest("c-value").id()).isEqualTo(conflictId);
            assertThat(client.register("a-value", RowChange.getClassSchema())).isEqualTo(rowChangeId);
            assertThat(client.latest("a-value").version()).isEqualTo(1);
            assertThat(client.register("d-value", RowChange.getClassSchema())).isEqualTo(rowChangeId);
            assertThat(client.subjects()).containsExactly("a-value", "b-value", "c-value", "d-value");
            assertThat(new RestSchemaRegistryClient(second.url(), null, java.time.Duration.ofSeconds(5))
                    .testCompatibility("b-value", ApplyCommand.getClassSchema()).compatible()).isTrue();
        }
    }

    @Test
    void shouldCreateStorageTopicCompacted(TestKafka kafka) throws Exception {
        String topic = kafka.uniqueTopic("_schemas-compact");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.clientProperties(), topic, 0);
                Admin admin = Admin.create(kafka.clientProperties())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);

            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(registry.url()).startsWith("http://127.0.0.1:");
        }
    }

}
