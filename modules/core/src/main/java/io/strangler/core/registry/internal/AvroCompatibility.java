package io.strangler.core.registry.internal;

import io.strangler.core.registry.CompatibilityLevel;
import io.strangler.core.registry.CompatibilityResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/** Avro schema evolution rules of the Confluent compatibility levels, checked with Avro's own resolution rules. */
final class AvroCompatibility {

    private AvroCompatibility() {}

    /**
     * @param existing registered versions to check against, oldest first, keyed by version number
     */
    static CompatibilityResult check(CompatibilityLevel level, Schema candidate, Map<Integer, Schema> existing) {
        if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
            return CompatibilityResult.ok();
        }
        List<Map.Entry<Integer, Schema>> targets = new ArrayList<>(existing.entrySet());
        if (!level.transitive()) {
            targets = targets.subList(targets.size() - 1, targets.size());
        }
        List<String> messages = new ArrayList<>();
        for (Map.Entry<Integer, Schema> target : targets) {
            if (level.backward()) {
                describe(messages, "new schema cannot read data written with version " + target.getKey(),
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, target.getValue()));
            }
            if (level.forward()) {
                describe(messages, "version " + target.getKey() + " cannot read data written with the new schema",
                        SchemaCompatibility.checkReaderWriterCompatibility(target.getValue(), candidate));
            }
        }
        return new CompatibilityResult(messages.isEmpty(), messages);
    }

    private static void describe(List<String> messages, String what,
            SchemaCompatibility.SchemaPairCompatibility result) {
        for (SchemaCompatibility.Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            messages.add(what + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                    + incompatibility.getMessage());
        }
    }
}
