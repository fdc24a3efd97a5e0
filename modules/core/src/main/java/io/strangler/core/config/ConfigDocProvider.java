package io.strangler.core.config;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Lists a module's configurations for the generated reference, docs/configuration.md. Each module that defines
 * a processor configuration registers one provider in
 * {@code META-INF/services/io.strangler.core.config.ConfigDocProvider}:
 * <pre>{@code
 * public final class CaptureConfigDocs implements ConfigDocProvider {
 *     public List<ConfigDoc> configDocs() {
 *         return List.of(new ConfigDoc("capture", "Capture", "Read by the capture processor.", CaptureConfig.CONFIG_DEF));
 *     }
 * }
 * }</pre>
 */
public interface ConfigDocProvider {

    List<ConfigDoc> configDocs();

    /** Every registered configuration on the classpath, sorted by id. */
    static List<ConfigDoc> all() {
        return ServiceLoader.load(ConfigDocProvider.class).stream()
                .flatMap(provider -> provider.get().configDocs().stream())
                .sorted(Comparator.comparing(ConfigDoc::id))
                .toList();
    }
}
