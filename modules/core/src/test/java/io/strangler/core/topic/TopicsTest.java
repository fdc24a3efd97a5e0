package io.strangler.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.registry.InMemorySchemaRegistryClient;
import io.strangler.core.serde.SampleRecords;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.RowHash;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private final Topics topics = new Topics(new InMemorySchemaRegistryClient());

    @Test
    void shouldRoundTripRowChangeThroughCdcTopicSerdes() {
        Topic<String, RowChange> topic = topics.cdc("monolith", "public", "customers");
        RowChange change = SampleRecords.rowChange(5);

        byte[] key = topic.keySerde().serializer().serialize(topic.name(), "{\"id\":5}");
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), change);

        assertThat(topic.name()).isEqualTo("strangler.cdc.monolith.public.customers");
        assertThat(topic.keySerde().deserializer().deserialize(topic.name(), key)).isEqualTo("{\"id\":5}");
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), value)).isEqualTo(change);
    }

    @Test
    void shouldRoundTripApplyCommandThroughApplyTopic() {
        Topic<String, ApplyCommand> topic = topics.apply("service");
        ApplyCommand command = ApplyCommand.newBuilder().setMapping("customers").setTarget("service")
                .setSchema$("svc").setTable("clients").setOp(ApplyOperation.DELETE).setKey(Map.of("client_id", 5L))
                .setRow(null).setRowHash(new RowHash(new byte[16])).setOriginSide("monolith")
                .setOriginCommitMicros(12L).setReason(ApplyReason.SYNC).build();

        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), command);

        assertThat(topic.name()).isEqualTo("strangler.apply.service");
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), value)).isEqualTo(command);
    }

    @Test
    void shouldRejectInvalidTopicRecord() {
        assertThatThrownBy(() -> new Topic<>("bad name", Serdes.String(), Serdes.String()))
                .hasMessageContaining("'bad name'");
        assertThatThrownBy(() -> new Topic<>("ok", Serdes.String(), null)).hasMessageContaining("valueSerde of topic ok");
    }
}
