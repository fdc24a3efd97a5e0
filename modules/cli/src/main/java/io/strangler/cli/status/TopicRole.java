package io.strangler.cli.status;

import java.util.Optional;

/**
 * What a Strangler topic carries and for which side, read back from its name
 * ({@code <prefix>.cdc.<source>.<schema>.<table>}, {@code <prefix>.apply.<target>}, {@code <prefix>.sync.conflicts}).
 *
 * @param kind {@code cdc}, {@code transactions}, {@code apply}, or the rest of the name for event topics
 *             ({@code sync.conflicts}, {@code consistency.status}, ...)
 * @param side the cdc source or the apply target; empty for event topics
 */
record TopicRole(String kind, String side) {

    static Optional<TopicRole> of(String prefix, String topic) {
        if (!topic.startsWith(prefix + ".")) {
            return Optional.empty();
        }
        String[] parts = topic.substring(prefix.length() + 1).split("\\.");
        if (parts[0].equals("cdc") && parts.length == 3 && parts[2].equals("transactions")) {
            return Optional.of(new TopicRole("transactions", parts[1]));
        }
        if (parts[0].equals("cdc") && parts.length == 4) {
            return Optional.of(new TopicRole("cdc", parts[1]));
        }
        if (parts[0].equals("apply") && parts.length == 2) {
            return Optional.of(new TopicRole("apply", parts[1]));
        }
        return Optional.of(new TopicRole(String.join(".", parts), ""));
    }
}
