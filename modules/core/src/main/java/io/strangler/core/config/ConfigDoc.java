package io.strangler.core.config;

import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;

/**
 * One configuration's entry in docs/configuration.md.
 *
 * @param id          a stable identifier, used to find the entry's section in the file, e.g. {@code common}
 * @param title       the section heading, e.g. {@code Common settings}
 * @param description a paragraph under the heading: who reads these keys
 * @param definition  the keys
 */
public record ConfigDoc(String id, String title, String description, ConfigDef definition) {

    public ConfigDoc {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(definition, "definition");
        if (!id.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("config doc id must be lower-case words, got '" + id + "'");
        }
    }
}
