package io.strangler.replicate;

import io.strangler.core.mapping.MappingException;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.topic.TopicNames;
import java.util.List;
import java.util.Objects;

/**
 * What one replicate stage does: which resolved mappings it replicates, from which side, reading the change topics of
 * which capture source and writing the apply topic of which target.
 *
 * <pre>{@code
 * ReplicatePlan plan = new ReplicatePlan(resolved, Side.MONOLITH, "monolith", "service");
 * plan.sourceTopic(new TopicNames(), resolved.get(0));   // strangler.cdc.monolith.public.orders
 * }</pre>
 *
 * @param mappings   mappings resolved against both databases; each must let changes flow from {@code from}
 * @param from       the side whose changes are replicated; the other side is written
 * @param sourceName the capture source name in the change topics ({@code strangler.cdc.<sourceName>...})
 * @param target     the target name in the apply topic ({@code strangler.apply.<target>}) and in the commands
 */
public record ReplicatePlan(List<ResolvedMapping> mappings, Side from, String sourceName, String target) {

    public ReplicatePlan {
        mappings = List.copyOf(Objects.requireNonNull(mappings, "mappings"));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(target, "target");
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("a replicate plan needs at least one mapping");
        }
        for (ResolvedMapping mapping : mappings) {
            if (!mapping.mapping().direction().writesTo(from.other())) {
                throw new MappingException(mapping.name(), "direction", "is " + mapping.mapping().direction().label()
                        + ", so it cannot be replicated from the " + from.label() + " to the " + from.other().label());
            }
        }
        long tables = mappings.stream().map(mapping -> mapping.mapping().table(from)).distinct().count();
        if (tables != mappings.size()) {
            throw new IllegalArgumentException("two mappings read the same " + from.label()
                    + " table; a replicate stage needs one mapping per source table");
        }
    }

    /** The side written to. */
    public Side to() {
        return from.other();
    }

    /** The change topic of {@code mapping}'s source table. */
    public String sourceTopic(TopicNames names, ResolvedMapping mapping) {
        TableRef table = mapping.mapping().table(from);
        return names.cdc(sourceName, table.schema(), table.table());
    }

    /** Every change topic the stage reads, in mapping order. */
    public List<String> sourceTopics(TopicNames names) {
        return mappings.stream().map(mapping -> sourceTopic(names, mapping)).toList();
    }
}
