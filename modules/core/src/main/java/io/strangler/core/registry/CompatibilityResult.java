package io.strangler.core.registry;

import java.util.List;

/** Answer of a compatibility test: whether the schema may be registered and, if not, why. */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }

    public static CompatibilityResult ok() {
        return new CompatibilityResult(true, List.of());
    }
}
