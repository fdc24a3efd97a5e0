package io.strangler.deploy;

import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.consistency.ConsistencyConfig;
import io.strangler.core.config.StranglerConfig;
import io.strangler.router.RouterConfig;
import io.strangler.sync.SyncConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a deployed processor runs with, as {@code ConfigFiles.read(file, overrides)} would give them inside its
 * container: the mounted file, the {@code --set} options over it, {@code ${env:NAME}} replaced by a placeholder once
 * NAME is known to be set in that container, container paths mapped back to this repository.
 */
final class DeployedConfiguration {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private DeployedConfiguration() {
    }

    static Map<String, String> values(ProcessorInvocation invocation) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(invocation.config())) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(invocation + ": cannot read its config file", e);
        }
        invocation.overrides().forEach(properties::setProperty);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, resolve(invocation, key, properties.getProperty(key).trim()));
        }
        String mappings = values.get(StranglerConfig.MAPPINGS_FILE);
        if (mappings != null && !mappings.isBlank()) {
            values.put(StranglerConfig.MAPPINGS_FILE, Path.of(mappings).isAbsolute()
                    ? ProcessorInvocation.toRepository(invocation.where(), mappings, invocation.mounts()).toString()
                    : invocation.config().getParent().resolve(mappings).normalize().toString());
        }
        String routes = values.get(RouterConfig.ROUTES_FILE);
        if (invocation.processor().equals("router") && routes != null && Path.of(routes).isAbsolute()) {
            values.put(RouterConfig.ROUTES_FILE,
                    ProcessorInvocation.toRepository(invocation.where(), routes, invocation.mounts()).toString());
        }
        return values;
    }

    /** Builds the processor's configuration class, as {@code strangler run <processor>} does. */
    static Object load(ProcessorInvocation invocation) {
        Map<String, String> values = values(invocation);
        return switch (invocation.processor()) {
            case "capture" -> new CaptureConfig(values);
            case "apply" -> new ApplySinkConfig(values);
            case "sync" -> new SyncConfig(values);
            case "consistency" -> new ConsistencyConfig(values);
            case "router" -> new RouterConfig(values);
            default -> throw new AssertionError(invocation + ": no configuration class for " + invocation.processor());
        };
    }

    private static String resolve(ProcessorInvocation invocation, String key, String value) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            if (!matcher.group(1).equals("env")) {
                throw new AssertionError(invocation + ": " + key + " refers to " + matcher.group()
                        + ": a container has no such file; use ${env:NAME} from a Secret");
            }
            if (!invocation.env().contains(matcher.group(2))) {
                throw new AssertionError(invocation + ": " + key + " refers to ${env:" + matcher.group(2)
                        + "}, which the container does not set (it sets " + invocation.env() + ")");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement("placeholder-secret-" + matcher.group(2)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
