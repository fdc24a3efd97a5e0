package io.strangler.capture.internal;

import io.strangler.capture.CaptureConfig;
import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocProvider;
import java.util.List;

/** Capture's own keys, for the generated configuration reference; Debezium's keys are documented by Debezium. */
public final class CaptureConfigDocProvider implements ConfigDocProvider {

    @Override
    public List<ConfigDoc> configDocs() {
        return List.of(new ConfigDoc("capture", "Capture", "Read by the capture processor (class `CaptureConfig`,"
                + " `strangler run capture`). Every key outside `strangler.*`, `bootstrap.servers` and"
                + " `schema.registry.url` is passed to Debezium unchanged (connector keys such as `database.hostname`,"
                + " `table.include.list`, `snapshot.mode`); capture sets the Debezium defaults its guarantees rely on"
                + " (docs/capture.md). Keys under `strangler.kafka.` go to capture's producer and admin without the"
                + " prefix, e.g. `strangler.kafka.security.protocol=SSL`.", CaptureConfig.CONFIG_DEF));
    }
}
