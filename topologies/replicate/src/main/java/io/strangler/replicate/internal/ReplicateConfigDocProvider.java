package io.strangler.replicate.internal;

import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocProvider;
import io.strangler.replicate.ReplicateStageConfig;
import java.util.List;

/** The replicate stage's own keys, for the generated configuration reference (common keys are core's). */
public final class ReplicateConfigDocProvider implements ConfigDocProvider {

    @Override
    public List<ConfigDoc> configDocs() {
        return List.of(new ConfigDoc("replicate", "Replicate stage", "Read by the replicate stage (class"
                + " `ReplicateStageConfig`) and by `strangler replicate`, together with the common settings; keys under"
                + " `streams.` go to Kafka Streams.", ReplicateStageConfig.replicateDef()));
    }
}
