package io.strangler.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.cli.sync.SyncCommand;
import io.strangler.consistency.ConsistencyConfig;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.config.UnknownKeys;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.Side;
import io.strangler.replicate.ReplicatePipelineConfig;
import io.strangler.sync.SyncConfig;
import io.strangler.sync.SyncPipelineConfig;
import io.strangler.testsupport.LogCapture;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example {@code .properties} file under {@code connectors/*}/{@code topologies/*}{@code /examples} is read
 * by the configuration class of the command its comment names, and none of its keys is unknown, so an example cannot
 * go stale when a key is renamed. The ITs run the examples against real databases and Kafka
 * (RunProcessorsIT, SyncCommandIT); this covers the ones no IT starts, such as sync-postgresql-mariadb.properties.
 */
class ExamplePropertiesTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    /** What {@code ./strangler env up} writes to .strangler/env.properties, for the examples that read it. */
    private static final Map<String, String> ENV_UP = Map.of(
            "bootstrap.servers", "127.0.0.1:9092",
            "schema.registry.url", "http://127.0.0.1:8081",
            "monolith.url", "jdbc:postgresql://127.0.0.1:5432/shop",
            "monolith.user", "strangler",
            "monolith.password", "secret",
            "service.url", "jdbc:postgresql://127.0.0.1:5433/shop_service",
            "service.user", "strangler",
            "service.password", "secret");

    @RegisterExtension
    final LogCapture warnings = LogCapture.of(UnknownKeys.class);

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(ROOT.resolve("connectors")), Files.list(ROOT.resolve("topologies")))) {
            return files.map(module -> module.resolve("examples")).filter(Files::isDirectory)
                    .flatMap(ExamplePropertiesTest::propertiesIn).sorted().toList().stream();
        }
    }

    private static Stream<Path> propertiesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".properties")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyProcessorHasExamples() throws IOException {
        assertThat(examples().map(file -> ROOT.relativize(file).toString())).contains(
                "connectors/capture/examples/monolith-postgresql.properties",
                "connectors/capture/examples/monolith-mariadb.properties",
                "connectors/apply/examples/apply-service-postgresql.properties",
                "connectors/apply/examples/apply-monolith-mariadb.properties",
                "topologies/sync/examples/sync-topology.properties",
                "topologies/sync/examples/sync-postgresql.properties",
                "topologies/sync/examples/sync-postgresql-mariadb.properties",
                "topologies/consistency/examples/consistency.properties",
                "topologies/replicate/examples/replicate-monolith-to-service.properties");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleIsReadByItsCommandWithoutUnknownKeys(Path example) throws IOException {
        Map<String, String> values = read(example);
        loaderFor(example).accept(values);
        assertThat(warnings.messages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"connectors/capture/examples/monolith-postgresql.properties, MONOLITH",
        "connectors/capture/examples/service-postgresql.properties, SERVICE"})
    void sampleShopCaptureExampleCapturesEveryTableTheSampleShopMappingsMap(String example, Side side)
            throws IOException {
        List<String> mapped = Mappings.load(ROOT.resolve("topologies/sync/examples/sample-shop-mappings.yaml"))
                .mappings().stream().map(mapping -> mapping.table(side).toString()).toList();

        List<String> captured = List.of(read(ROOT.resolve(example)).get("table.include.list").split(","));

        assertThat(captured).as("%s table.include.list", example).containsExactlyInAnyOrderElementsOf(mapped);
    }

    /** The configuration class {@code strangler run <processor>}, {@code sync} or {@code replicate} builds. */
    private static Consumer<Map<String, String>> loaderFor(Path example) {
        String module = example.getParent().getParent().getFileName().toString();
        String name = example.getFileName().toString();
        return switch (module) {
            case "capture" -> CaptureConfig::new;
            case "apply" -> ApplySinkConfig::new;
            case "consistency" -> ConsistencyConfig::new;
            case "replicate" -> ReplicatePipelineConfig::new;
            case "sync" -> name.equals("sync-topology.properties") ? SyncConfig::new : ExamplePropertiesTest::syncPipeline;
            default -> throw new AssertionError("no loader for examples of " + module + ": " + example);
        };
    }

    /** As {@code strangler sync}: the pipeline, each side's capture and apply sink, and the auditor when enabled. */
    private static void syncPipeline(Map<String, String> values) {
        SyncPipelineConfig pipeline = new SyncPipelineConfig(values);
        for (Side side : Side.values()) {
            CaptureConfig capture = pipeline.captureConfig(side, List.of());
            ApplySinkConfig apply = pipeline.applyConfig(side);
            assertThat(capture.sourceName()).isEqualTo(apply.target());
        }
        if (Boolean.parseBoolean(values.getOrDefault(ConsistencyConfig.ENABLED, "false"))) {
            new ConsistencyConfig(SyncCommand.auditorValues(values));
        }
    }

    /** The file's keys with {@code ${env:…}} as a placeholder secret and {@code ${file:…:KEY}} as {@code env up} writes it. */
    private static Map<String, String> read(Path example) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(example)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher matcher = REFERENCE.matcher(properties.getProperty(key).trim());
            StringBuilder value = new StringBuilder();
            while (matcher.find()) {
                String replacement = matcher.group(1).equals("env") ? "secret"
                        : ENV_UP.get(matcher.group(2).substring(matcher.group(2).lastIndexOf(':') + 1));
                assertThat(replacement).as("%s: %s refers to %s", example, key, matcher.group()).isNotNull();
                matcher.appendReplacement(value, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(value);
            values.put(key, value.toString());
        }
        String mappings = values.get(StranglerConfig.MAPPINGS_FILE);
        if (mappings != null && !Path.of(mappings).isAbsolute()) {
            Path resolved = example.getParent().resolve(mappings);
            assertThat(resolved).as("%s: %s", example, StranglerConfig.MAPPINGS_FILE).isRegularFile();
            values.put(StranglerConfig.MAPPINGS_FILE, resolved.toString());
        }
        return values;
    }
}
