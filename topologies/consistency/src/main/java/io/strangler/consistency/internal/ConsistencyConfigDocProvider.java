package io.strangler.consistency.internal;

import io.strangler.consistency.ConsistencyConfig;
import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocProvider;
import java.util.List;

/** The auditor's own keys, for the generated configuration reference (common and database keys are core's). */
public final class ConsistencyConfigDocProvider implements ConfigDocProvider {

    @Override
    public List<ConfigDoc> configDocs() {
        return List.of(new ConfigDoc("consistency", "Consistency auditor", "Read by the streaming consistency auditor"
                + " (class `ConsistencyConfig`, command `strangler consistency`), together with the common settings and"
                + " both databases' connections under `monolith.database.` and `service.database.` (read once at start"
                + " to resolve the mappings). Keys starting with `streams.` go to Kafka Streams without the prefix.",
                ConsistencyConfig.consistencyDef()));
    }
}
