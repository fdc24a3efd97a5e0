package io.strangler.replicate;

import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.core.topic.TopicNames;
import io.strangler.replicate.internal.ChangeTranslator;
import io.strangler.replicate.internal.ReplicateProcessor;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.RowChange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * The replicate stage's Kafka Streams topology: one source per mapping's change topic
 * ({@code <prefix>.cdc.<source>.<schema>.<table>}), a stateless processor translating each RowChange by its mapping,
 * and two sinks, {@code <prefix>.apply.<target>} (ApplyCommands keyed by the target's canonical key) and
 * {@code <prefix>.sync.dlq} (DeadLetters for undecodable or untranslatable changes).
 *
 * <pre>{@code
 * Topology topology = ReplicateTopology.build(plan, new TopicNames(), registry, new ReplicateCounters());
 * KafkaStreams streams = new KafkaStreams(topology, properties);   // processing.guarantee=exactly_once_v2
 * }</pre>
 */
public final class ReplicateTopology {

    static final String APPLY_SINK = "apply-sink";
    static final String DLQ_SINK = "dlq-sink";

    private ReplicateTopology() {
    }

    /** Builds the topology; pure (no I/O until the serdes meet a record). */
    public static Topology build(ReplicatePlan plan, TopicNames names, SchemaRegistryClient registry,
                                 ReplicateCounters counters) {
        Topology topology = new Topology();
        var rowChanges = AvroSerdes.value(RowChange.class, registry);
        String[] processors = new String[plan.mappings().size()];
        for (int i = 0; i < processors.length; i++) {
            ResolvedMapping mapping = plan.mappings().get(i);
            String source = "source-" + mapping.name();
            processors[i] = "translate-" + mapping.name();
            topology.addSource(source, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                    plan.sourceTopic(names, mapping));
            ChangeTranslator translator = new ChangeTranslator(mapping, plan.from(), plan.target());
            topology.addProcessor(processors[i], () -> new ReplicateProcessor(translator, rowChanges.deserializer(),
                    plan.sourceName(), APPLY_SINK, DLQ_SINK, counters), source);
        }
        topology.addSink(APPLY_SINK, names.apply(plan.target()), Serdes.String().serializer(),
                AvroSerdes.value(ApplyCommand.class, registry).serializer(), processors);
        topology.addSink(DLQ_SINK, names.syncDlq(), Serdes.String().serializer(),
                AvroSerdes.value(DeadLetter.class, registry).serializer(), processors);
        return topology;
    }
}
