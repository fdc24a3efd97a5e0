package io.strangler.cli.validate;

import io.strangler.core.mapping.Side;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.Topics;
import io.strangler.schemas.ApplyCommand;
import io.strangler.validator.ReconcilePlan;
import io.strangler.validator.ReconcileSource;
import io.strangler.validator.Reconciler;
import io.strangler.validator.ValidationResult;
import io.strangler.validator.Validator;
import io.strangler.validator.ValidatorConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strangler reconcile --config validator.properties --source monolith [--dry-run]}: validates, then sends one
 * ApplyCommand (reason REPAIR) per discrepancy to the other side's apply sink.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Validate, then repair every discrepancy with ApplyCommands from the authoritative side, sent to the"
                + " other side's apply topic (its apply sink writes them exactly once). --dry-run prints the plan only.")
public final class ReconcileCommand implements Callable<Integer> {

    @Mixin
    ValidationRunOptions run;

    @Option(names = "--source", required = true, paramLabel = "SIDE",
            description = "Authoritative side: monolith, service, or strategy (each mapping's conflict strategy; "
                    + "last-write-wins and column-merge fall back to their priority side in batch).")
    String source;

    @Option(names = "--dry-run", description = "Print what would be written; send nothing.")
    boolean dryRun;

    @Option(names = "--monolith-target", paramLabel = "NAME", defaultValue = "monolith",
            description = "Apply target name of the monolith's sink (topic <prefix>.apply.<NAME>). Default: ${DEFAULT-VALUE}.")
    String monolithTarget;

    @Option(names = "--service-target", paramLabel = "NAME", defaultValue = "service",
            description = "Apply target name of the service's sink. Default: ${DEFAULT-VALUE}.")
    String serviceTarget;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ReconcileSource authority = parseSource();
        PrintWriter out = spec.commandLine().getOut();
        ValidatorConfig config = run.load();
        if (!dryRun && config.kafkaServers().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "reconcile sends ApplyCommands: set bootstrap.servers and schema.registry.url in " + run.config
                            + ", or use --dry-run");
        }
        Validator validator = Validator.create(config.monolith(), config.service(), config.mappings());
        ValidationResult result = validator.validate(run.tables,
                run.options(config).withProgress(new ProgressPrinter(spec.commandLine().getErr())));
        ValidateCommand.printSummary(out, result);
        ReconcilePlan plan = Reconciler.plan(result, validator.resolve(run.tables), authority);
        out.print(plan.describe());
        if (dryRun || plan.repairs().isEmpty()) {
            out.println(dryRun ? "dry run: nothing sent" : "nothing to repair");
            out.flush();
            return 0;
        }
        Topics topics = new Topics(config.topicNames(), RestSchemaRegistryClient.create(config.schemaRegistryUrl().orElseThrow()));
        Topic<String, ApplyCommand> any = topics.apply(serviceTarget);
        try (KafkaProducer<String, ApplyCommand> producer = new KafkaProducer<>(ValidateCommand.producerProperties(config),
                any.keySerde().serializer(), any.valueSerde().serializer())) {
            int sent = Reconciler.send(plan, producer, config.topicNames(),
                    side -> side == Side.MONOLITH ? monolithTarget : serviceTarget);
            out.printf("sent %d ApplyCommands; run 'strangler validate' once the apply sink has caught up%n", sent);
        }
        out.flush();
        return 0;
    }

    private ReconcileSource parseSource() {
        try {
            return ReconcileSource.valueOf(source.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--source must be monolith, service or strategy, got '" + source + "'");
        }
    }
}
