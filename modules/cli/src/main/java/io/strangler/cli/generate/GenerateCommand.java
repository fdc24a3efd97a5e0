package io.strangler.cli.generate;

import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.TopicNames;
import io.strangler.core.topic.Topics;
import io.strangler.generator.ApiGenerator;
import io.strangler.generator.GeneratedApi;
import io.strangler.generator.GeneratorOptions;
import io.strangler.generator.boundary.Boundary;
import io.strangler.generator.boundary.BoundaryFiles;
import io.strangler.generator.boundary.BoundaryRecommendations;
import io.strangler.generator.event.ApiGeneratedEvents;
import io.strangler.schemas.ApiGenerated;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strangler generate --jdbc URL (--tables a,b | --boundary FILE) --out DIR}: writes the OpenAPI spec and the
 * service project of one boundary, and with {@code --bootstrap-servers} publishes the {@code ApiGenerated} event.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate an OpenAPI 3.0.3 spec (YAML and JSON, validated by swagger-parser) and a runnable Java"
                + " service project (Maven, Javalin) for a service boundary: list, get, create, replace, patch and delete"
                + " per table, with validation, filters, sorting and paging derived from the schema.",
                "Regenerating from the same schema writes byte-identical files.", "",
                "Example:",
                "  strangler generate --jdbc jdbc:postgresql://localhost:5432/shop --user shop --password-env SHOP_PASSWORD \\",
                "      --boundary orders.json --out services/orders", ""})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--jdbc", required = true, paramLabel = "URL", description = "JDBC URL of the monolith database.")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "USER", description = "Database user.")
    String user;

    @ArgGroup(exclusive = true)
    Password password;

    static final class Password {
        @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from this environment variable.")
        String environmentVariable;

        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of this file.")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--tables", split = ",", paramLabel = "TABLE",
                description = "Tables of the boundary, schema.table or bare (default schema), comma-separated.")
        List<String> tables;

        @Option(names = "--boundary", paramLabel = "FILE", description = "A boundary file: the analyzer's JSON"
                + " ({\"service\": \"orders\", \"tables\": [\"public.orders\"]}) or one table per line.")
        Path file;

        @Option(names = "--boundary-from-topic", paramLabel = "SERVICE", description = "The service of that name in the"
                + " analyzer's latest recommendation on <prefix>.analyzer.boundaries (needs --bootstrap-servers and"
                + " --schema-registry).")
        String fromTopic;
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the project to.")
    Path out;

    @Option(names = "--service", paramLabel = "NAME", description = "Service name (default: the boundary file's, or 'service').")
    String service;

    @Option(names = "--package", paramLabel = "PACKAGE", description = "Java package of the project (default com.example.<service>).")
    String basePackage;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Publish the ApiGenerated event to this Kafka.")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL", description = "Schema registry for the event (required with --bootstrap-servers).")
    String schemaRegistry;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = TopicNames.DEFAULT_PREFIX,
            description = "Prefix of the event topic <prefix>.generator.apis (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, SQLException {
        if (bootstrapServers != null && schemaRegistry == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bootstrap-servers needs --schema-registry");
        }
        if (source.fromTopic != null && (bootstrapServers == null || schemaRegistry == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--boundary-from-topic needs --bootstrap-servers and --schema-registry");
        }
        Boundary boundary = source.file != null ? BoundaryFiles.read(source.file, service)
                : source.fromTopic != null ? BoundaryRecommendations.boundary(
                        BoundaryRecommendations.latest(AnalyzerTopic.read(bootstrapServers, schemaRegistry,
                                new TopicNames(topicPrefix))), source.fromTopic)
                : Boundary.of(service != null ? service : "service", source.tables);
        GeneratorOptions options = basePackage != null ? new GeneratorOptions(basePackage) : GeneratorOptions.defaults(boundary.service());
        GeneratedApi api;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, readPassword())) {
            api = ApiGenerator.generate(connection, jdbcUrl, user, boundary, options);
        }
        ApiGenerator.write(api, out);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        api.model().warnings().forEach(warning -> stderr.println("warning: " + warning));
        stdout.printf("generated the %s API: %d tables, %d operations, spec sha256 %s%n", boundary.service(),
                api.model().resources().size(), api.endpoints().size(), api.spec().sha256());
        stdout.println("wrote " + api.files().size() + " files to " + out.toAbsolutePath().normalize()
                + " (spec: openapi.yaml, openapi.json; run: see README.md)");
        if (bootstrapServers != null) {
            TopicNames names = new TopicNames(topicPrefix);
            publish(ApiGeneratedEvents.toEvent(api, out, Instant.now()), names);
            stdout.println("published ApiGenerated to " + names.generatorApis());
        }
        stdout.flush();
        stderr.flush();
        return 0;
    }

    private String readPassword() throws IOException {
        if (password == null) {
            return null;
        }
        if (password.environmentVariable != null) {
            String value = System.getenv(password.environmentVariable);
            if (value == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--password-env: the environment variable " + password.environmentVariable + " is not set");
            }
            return value;
        }
        List<String> lines = Files.readAllLines(password.file, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private void publish(ApiGenerated event, TopicNames names) {
        Topics topics = new Topics(names, RestSchemaRegistryClient.create(schemaRegistry));
        Topic<String, ApiGenerated> topic = topics.avro(names.generatorApis(), ApiGenerated.class);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "strangler-generator");
        try (KafkaProducer<String, ApiGenerated> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            ApiGeneratedEvents.publish(event, producer, topic);
        }
    }
}
