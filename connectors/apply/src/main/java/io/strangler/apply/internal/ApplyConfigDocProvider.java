package io.strangler.apply.internal;

import io.strangler.apply.ApplySinkConfig;
import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocProvider;
import java.util.List;

/** The apply sink's own keys, for the generated configuration reference (common and database keys are core's). */
public final class ApplyConfigDocProvider implements ConfigDocProvider {

    @Override
    public List<ConfigDoc> configDocs() {
        return List.of(new ConfigDoc("apply", "Apply sink", "Read by the apply sink (class `ApplySinkConfig`), together"
                + " with the common settings and the database connection under `database.`.", ApplySinkConfig.applyDef()));
    }
}
