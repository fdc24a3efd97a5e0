package io.strangler.cli.validate;

import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.Topics;
import io.strangler.schemas.ValidationReport;
import io.strangler.validator.Reports;
import io.strangler.validator.TableValidation;
import io.strangler.validator.ValidationOptions;
import io.strangler.validator.ValidationReportEvents;
import io.strangler.validator.ValidationResult;
import io.strangler.validator.Validator;
import io.strangler.validator.ValidatorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strangler validate --config validator.properties [--table orders] [--mode merge] [--reports out/]
 * [--foreign-keys]}: compares the mapped tables (and, with {@code --foreign-keys}, looks for orphans) and prints a summary; exit code 0 when they agree, 2 when there are discrepancies, 1 on error.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare mapped tables across the monolith and the service (checksum push-down or streaming merge),"
                + " write JSON/Markdown/HTML reports. Exit 0 = consistent, 2 = discrepancies, 1 = error.")
public final class ValidateCommand implements Callable<Integer> {

    static final int DISCREPANCIES = 2;

    @Mixin
    ValidationRunOptions run;

    @Option(names = "--reports", paramLabel = "DIR", description = "Write validation-<run>.json/.md/.html here.")
    Path reports;

    @Option(names = "--publish", description = "Publish the ValidationReport event to <prefix>.validator.reports.")
    boolean publish;

    // not shared with reconcile: orphans are reported, never repaired, so reconcile has no use for the check
    @Option(names = "--foreign-keys", negatable = true, defaultValue = Option.NULL_VALUE,
            description = {"Also check every foreign key of the validated tables on each database: count and list rows"
                    + " whose parent is missing (orphans; the apply sinks write with foreign keys off). Orphans are"
                    + " discrepancies (exit 2), reported and never repaired by reconcile.",
                    "Off by default (config strangler.validator.foreign.keys): while the sync runs a child may"
                            + " briefly arrive before its parent; use it once both sides are quiet."})
    Boolean foreignKeys;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ValidatorConfig config = run.load();
        Validator validator = Validator.create(config.monolith(), config.service(), config.mappings());
        ValidationOptions options = run.options(config).withProgress(new ProgressPrinter(spec.commandLine().getErr()));
        if (foreignKeys != null) {
            options = options.withForeignKeys(foreignKeys);
        }
        ValidationResult result = validator.validate(run.tables, options);
        printSummary(out, result);
        if (reports != null) {
            Reports.write(result, reports).forEach(file -> out.println("report: " + file));
        }
        if (publish) {
            publish(config, result);
            out.println("published the report event to " + config.topicNames().validatorReports());
        }
        out.flush();
        return result.consistent() ? 0 : DISCREPANCIES;
    }

    static void printSummary(PrintWriter out, ValidationResult result) {
        out.printf(Locale.ROOT, "%-20s %-8s %12s %12s %12s %10s %10s %10s %12s%n", "mapping", "mode", "monolith", "service",
                "matching", "miss.svc", "miss.mono", "different", "consistency");
        for (TableValidation t : result.tables()) {
            out.printf(Locale.ROOT, "%-20s %-8s %12d %12d %12d %10d %10d %10d %11.4f%%%n", t.mapping(), t.mode().label(),
                    t.monolithRows(), t.serviceRows(), t.matchingRows(), t.missingOnService(), t.missingOnMonolith(),
                    t.differingRows(), t.consistencyPercent());
        }
        for (TableValidation t : result.tables()) {
            if (t.orphans().checked()) {
                out.printf(Locale.ROOT, "%-20s foreign keys: %d orphans on the monolith, %d on the service%n", t.mapping(),
                        t.orphans().onMonolith(), t.orphans().onService());
            }
        }
        out.printf(Locale.ROOT, "overall %.4f%% consistent, %d discrepancies (run %s)%n", result.consistencyPercent(),
                result.discrepancyCount(), result.runId());
    }

    private static void publish(ValidatorConfig config, ValidationResult result) {
        if (config.kafkaServers().isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(new ValidateCommand()),
                    "--publish needs bootstrap.servers and schema.registry.url in the config file");
        }
        Topics topics = new Topics(config.topicNames(), RestSchemaRegistryClient.create(config.schemaRegistryUrl().orElseThrow()));
        Topic<String, ValidationReport> topic = topics.avro(config.topicNames().validatorReports(), ValidationReport.class);
        try (KafkaProducer<String, ValidationReport> producer = new KafkaProducer<>(producerProperties(config),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            ValidationReportEvents.publish(result, producer, topic);
        }
    }

    static Map<String, Object> producerProperties(ValidatorConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.kafkaServers()));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "strangler-validator");
        return props;
    }

}
