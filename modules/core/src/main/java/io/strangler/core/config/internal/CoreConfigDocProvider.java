package io.strangler.core.config.internal;

import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocProvider;
import io.strangler.core.config.DatabaseConfig;
import io.strangler.core.config.StranglerConfig;
import java.util.List;

/** The configurations defined in core. */
public final class CoreConfigDocProvider implements ConfigDocProvider {

    @Override
    public List<ConfigDoc> configDocs() {
        return List.of(
                new ConfigDoc("common", "Common settings", "Read by every Strangler processor (class `StranglerConfig`).",
                        StranglerConfig.configDef()),
                new ConfigDoc("database", "Database connection",
                        "A database connection (class `DatabaseConfig`). Processors that use several databases define"
                                + " these keys under their own prefixes, e.g. `monolith.database.url`; the keys below"
                                + " use the default prefix `database.`.",
                        DatabaseConfig.configDef()));
    }
}
