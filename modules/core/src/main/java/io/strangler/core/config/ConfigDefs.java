package io.strangler.core.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Building blocks for processor configurations: composing {@link ConfigDef}s and the validators they share.
 * A processor's configuration is the common definitions plus its own:
 * <pre>{@code
 * static final ConfigDef CONFIG_DEF = ConfigDefs.combine(
 *         StranglerConfig.configDef(),
 *         DatabaseConfig.configDef("database."),
 *         new ConfigDef().define("capture.poll.interval.ms", Type.LONG, 10L, ConfigDefs.atLeast(1), Importance.MEDIUM,
 *                 "How often Debezium polls for changes."));
 * }</pre>
 */
public final class ConfigDefs {

    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private ConfigDefs() {
    }

    /** One definition holding every key of {@code definitions}; a key defined twice is an error. */
    public static ConfigDef combine(ConfigDef... definitions) {
        ConfigDef combined = new ConfigDef();
        for (ConfigDef definition : definitions) {
            definition.configKeys().values().forEach(combined::define);
        }
        return combined;
    }

    /** A topic name prefix: dot-separated words of letters, digits, '_' and '-', at most 100 characters. */
    public static ConfigDef.Validator topicPrefix() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String prefix = (String) value;
            if (prefix == null || prefix.length() > 100 || !TOPIC_PREFIX.matcher(prefix).matches()) {
                throw new ConfigException(name, value, "must be dot-separated words of letters, digits, '_' or '-'"
                        + " (at most 100 characters), e.g. strangler or acme.strangler");
            }
        }, () -> "dot-separated words of [A-Za-z0-9_-], at most 100 characters");
    }

    /** A non-blank string. */
    public static ConfigDef.Validator nonBlank() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || value.toString().isBlank()) {
                throw new ConfigException(name, value, "must not be empty");
            }
        }, () -> "non-empty string");
    }

    /** Null (not set) or a non-blank string. */
    public static ConfigDef.Validator optionalNonBlank() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null && value.toString().isBlank()) {
                throw new ConfigException(name, value, "must not be empty when set");
            }
        }, () -> "non-empty string, or unset");
    }

    /** Null (not set) or one of {@code values}, compared case-insensitively. */
    public static ConfigDef.Validator optionalOneOf(List<String> values) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null && !values.contains(value.toString().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "must be one of " + String.join(", ", values));
            }
        }, () -> "unset, or one of " + String.join(", ", values));
    }

    /** A non-empty list of {@code host:port} entries. */
    public static ConfigDef.Validator hostPortList() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            List<?> entries = (List<?>) value;
            if (entries == null || entries.isEmpty()) {
                throw new ConfigException(name, value, "must list at least one host:port");
            }
            for (Object entry : entries) {
                if (!entry.toString().matches("[^:\\s]+:\\d{1,5}")) {
                    throw new ConfigException(name, value, "'" + entry + "' is not host:port");
                }
            }
        }, () -> "non-empty list of host:port");
    }

    /** An absolute http or https URL. */
    public static ConfigDef.Validator httpUrl() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String text = value == null ? "" : value.toString();
            try {
                java.net.URI uri = new java.net.URI(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new ConfigException(name, value, "must be an http:// or https:// URL");
                }
            }
            catch (java.net.URISyntaxException e) {
                throw new ConfigException(name, value, "must be an http:// or https:// URL: " + e.getMessage());
            }
        }, () -> "http:// or https:// URL");
    }

    /** A number at least {@code min}. */
    public static ConfigDef.Validator atLeast(long min) {
        return ConfigDef.Range.atLeast(min);
    }
}
