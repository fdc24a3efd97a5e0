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
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads processor configuration from {@code .properties} files.
 * <pre>{@code
 * StranglerConfig config = ConfigFiles.load(Path.of("sync.properties"), StranglerConfig::new);
 * }</pre>
 */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    /** The file's properties, trimmed of surrounding whitespace in values. */
    public static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (IOException e) {
            throw new ConfigException(file + ": cannot read configuration file: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }

    /**
     * Reads {@code file} and builds a configuration from it; a bad or missing value gives a
     * {@link ConfigException} whose message starts with the file name and names the key.
     */
    public static <T> T load(Path file, Function<Map<String, String>, T> factory) {
        Map<String, String> values = read(file);
        try {
            return factory.apply(values);
        }
        catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }
}
