package io.strangler.sync.internal;

import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocProvider;
import io.strangler.sync.SyncConfig;
import java.util.List;

/** The sync's section of docs/configuration.md. */
public final class SyncConfigDocProvider implements ConfigDocProvider {

    @Override
    public List<ConfigDoc> configDocs() {
        return List.of(new ConfigDoc("sync", "Sync topology",
                "Read by the sync processor (class `SyncConfig`), together with the common settings and two database"
                        + " connections under `monolith.database.` and `service.database.` (see Database connection),"
                        + " whose catalogues resolve the mappings at start-up. Keys starting with `streams.` are passed"
                        + " to Kafka Streams without the prefix, e.g. `streams.num.standby.replicas=1`. See docs/sync.md.",
                SyncConfig.ownConfigDef()));
    }
}
