package io.strangler.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads processor configuration from {@code .properties} files.
 * <pre>{@code
 * StranglerConfig config = ConfigFiles.load(Path.of("sync.properties"), StranglerConfig::new);
 * }</pre>
 *
 * <p>A value may refer to an environment variable or to a key of another properties file, in the syntax of Kafka's
 * config providers, so that passwords need not be written into the file itself:
 * <pre>
 * monolith.database.password=${env:MONOLITH_PASSWORD}
 * service.database.url=${file:.strangler/env.properties:service.url}
 * </pre>
 * A {@code file:} path is taken relative to the working directory, as Kafka's {@code FileConfigProvider} does; a
 * relative {@value StranglerConfig#MAPPINGS_FILE} relative to the properties file's own directory, so that an example
 * file and its mappings travel together.
 */
public final class ConfigFiles {

    /** {@code ${env:NAME}} or {@code ${file:PATH:KEY}}, as Kafka's config providers write them. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private ConfigFiles() {
    }

    /** The file's properties, trimmed of surrounding whitespace in values. */
    public static Map<String, String> read(Path file) {
        return read(file, Map.of());
    }

    /**
     * The file's properties with {@code overrides} put over them before any reference is resolved, so an override
     * may itself be {@code ${env:NAME}} (a password never written on a command line) and a relative
     * {@value StranglerConfig#MAPPINGS_FILE} override is still taken relative to the file's directory. This is how a
     * container runs a mounted example unchanged but for its hosts: {@code --set database.hostname=monolith-db}.
     */
    public static Map<String, String> read(Path file, Map<String, String> overrides) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (IOException e) {
            throw new ConfigException(file + ": cannot read configuration file: " + e.getMessage());
        }
        overrides.forEach(properties::setProperty);
        Map<String, String> values = new LinkedHashMap<>();
        Map<Path, Map<String, String>> referenced = new java.util.HashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(key -> values.put(key, substitute(file, key, properties.getProperty(key).trim(), referenced)));
        String mappings = values.get(StranglerConfig.MAPPINGS_FILE);
        if (mappings != null && !mappings.isBlank() && !Path.of(mappings).isAbsolute()) {
            Path directory = file.toAbsolutePath().getParent();
            values.put(StranglerConfig.MAPPINGS_FILE, directory.resolve(mappings).normalize().toString());
        }
        return values;
    }

    /** Replaces every {@code ${env:NAME}} and {@code ${file:PATH:KEY}} in {@code value}. */
    private static String substitute(Path file, String key, String value, Map<Path, Map<String, String>> referenced) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group(1).equals("env")) {
                replacement = System.getenv(matcher.group(2));
                if (replacement == null) {
                    throw new ConfigException(file + ": " + key + " refers to the environment variable "
                            + matcher.group(2) + ", which is not set");
                }
            } else {
                int colon = matcher.group(2).lastIndexOf(':');
                if (colon < 1) {
                    throw new ConfigException(file + ": " + key + " refers to '" + matcher.group() + "': write"
                            + " ${file:PATH:KEY}");
                }
                Path other = Path.of(matcher.group(2).substring(0, colon));
                String otherKey = matcher.group(2).substring(colon + 1);
                Map<String, String> otherValues = referenced.computeIfAbsent(other, path -> {
                    if (!Files.isReadable(path)) {
                        throw new ConfigException(file + ": " + key + " refers to " + path.toAbsolutePath()
                                + ", which cannot be read");
                    }
                    return read(path);
                });
                replacement = otherValues.get(otherKey);
                if (replacement == null) {
                    throw new ConfigException(file + ": " + key + " refers to key " + otherKey + " of " + other
                            + ", which has no such key");
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * The keys of {@code values} that start with {@code prefix}, with the prefix removed: the settings a combined
     * file holds for one of its processors ({@code capture.database.port} → {@code database.port}). A fresh mutable map.
     */
    public static Map<String, String> withoutPrefix(Map<String, String> values, String prefix) {
        Map<String, String> out = new java.util.HashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    /**
     * Reads {@code file} and builds a configuration from it; a bad or missing value gives a
     * {@link ConfigException} whose message starts with the file name and names the key.
     */
    public static <T> T load(Path file, Function<Map<String, String>, T> factory) {
        return build(file, read(file), factory);
    }

    /**
     * Builds a configuration from {@code values}, already {@link #read} from {@code file} (for a caller that needs them
     * too, e.g. to print them); a {@link ConfigException} is re-thrown with the file name first, as {@link #load} does.
     */
    public static <T> T build(Path file, Map<String, String> values, Function<Map<String, String>, T> factory) {
        try {
            return factory.apply(values);
        }
        catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }
}
