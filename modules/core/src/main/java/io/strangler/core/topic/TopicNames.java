package io.strangler.core.topic;

import java.util.regex.Pattern;

/**
 * Names of Strangler's topics (DESIGN §3), under a configurable prefix (default {@value #DEFAULT_PREFIX}). Needs no
 * registry: use it wherever only names matter (admin, CLI, ACLs).
 *
 * <pre>{@code
 * new TopicNames().cdc("monolith", "public", "orders")   // strangler.cdc.monolith.public.orders
 * new TopicNames("acme.strangler").apply("service")      // acme.strangler.apply.service
 * }</pre>
 *
 * Name parts (source, schema, table, target) may use ASCII letters, digits, '_' and '-' only: a '.' inside a part
 * would make {@code strangler.cdc.a.b.c.d} ambiguous.
 */
public final class TopicNames {

    public static final String DEFAULT_PREFIX = "strangler";
    /** Kafka's limit on topic name length. */
    public static final int MAX_LENGTH = 249;

    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern LEGAL_PART = Pattern.compile("[a-zA-Z0-9_-]+");

    private final String prefix;

    public TopicNames() {
        this(DEFAULT_PREFIX);
    }

    /** @param prefix first part of every name; may contain dots, e.g. {@code acme.strangler} */
    public TopicNames(String prefix) {
        if (prefix == null || prefix.isEmpty() || !LEGAL_TOPIC.matcher(prefix).matches() || prefix.startsWith(".")
                || prefix.endsWith(".") || prefix.contains("..")) {
            throw new IllegalArgumentException("Invalid topic prefix '" + prefix + "': use ASCII letters, digits, "
                    + "'_', '-' and single dots between words, e.g. 'strangler' or 'acme.strangler'");
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** {@code <prefix>.cdc.<source>.<schema>.<table>}: canonical RowChanges of one table. */
    public String cdc(String source, String schema, String table) {
        return name("cdc", part("source", source), part("schema", schema), part("table", table));
    }

    /** {@code <prefix>.cdc.<source>.transactions}: transaction boundaries of one source. */
    public String cdcTransactions(String source) {
        return name("cdc", part("source", source), "transactions");
    }

    /**
     * {@code <prefix>.capture.<source>.progress}: compacted, one partition, the source commit time (UTC microseconds,
     * decimal text) up to which capture has published every change of {@code source}; the time of the last change, or
     * the wall clock when capture is idle and caught up. Lets a reader tell a side that lags from one that is quiet.
     */
    public String captureProgress(String source) {
        return name("capture", part("source", source), "progress");
    }

    /** {@code <prefix>.apply.<target>}: ApplyCommands for one target side. */
    public String apply(String target) {
        return name("apply", part("target", target));
    }

    public String syncConflicts() {
        return name("sync", "conflicts");
    }

    public String syncDlq() {
        return name("sync", "dlq");
    }

    /**
     * {@code <prefix>.dlq.replayed}: compacted, one partition, keyed {@code <partition>:<offset>} of a dead letter on
     * {@link #syncDlq()}; written in the same transaction as the letter's re-published record, so that
     * {@code strangler dlq replay} run twice does not publish a record twice.
     */
    public String dlqReplayed() {
        return name("dlq", "replayed");
    }

    public String consistencyDiscrepancies() {
        return name("consistency", "discrepancies");
    }

    public String consistencyStatus() {
        return name("consistency", "status");
    }

    public String analyzerBoundaries() {
        return name("analyzer", "boundaries");
    }

    public String validatorReports() {
        return name("validator", "reports");
    }

    public String generatorApis() {
        return name("generator", "apis");
    }

    /** Compacted router configuration. */
    public String routerRoutes() {
        return name("router", "routes");
    }

    public String routerEvents() {
        return name("router", "events");
    }

    /** Each router instance's traffic per route and side, so that a ramp's gates judge the whole cluster's. */
    public String routerStats() {
        return name("router", "stats");
    }

    @Override
    public String toString() {
        return "TopicNames{prefix=" + prefix + "}";
    }

    /** Checks a whole topic name against Kafka's rules, with a message naming the problem. */
    public static String validateTopicName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Topic name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("Topic name cannot be '" + name + "'");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Topic name '" + name + "' is " + name.length()
                    + " characters long; Kafka allows at most " + MAX_LENGTH);
        }
        if (!LEGAL_TOPIC.matcher(name).matches()) {
            throw new IllegalArgumentException("Topic name '" + name + "' contains characters Kafka does not allow: "
                    + "use ASCII letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    private String name(String... parts) {
        return validateTopicName(prefix + "." + String.join(".", parts));
    }

    private static String part(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " part of a topic name must not be empty");
        }
        if (!LEGAL_PART.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " '" + value + "' for a topic name: use ASCII "
                    + "letters, digits, '_' and '-' only (no dots, spaces or other characters)");
        }
        return value;
    }
}
