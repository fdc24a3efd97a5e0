package io.strangler.cli.validate;

import io.strangler.core.config.ConfigFiles;
import io.strangler.validator.ValidationMode;
import io.strangler.validator.ValidationOptions;
import io.strangler.validator.ValidatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code validate} and {@code reconcile}. */
final class ValidationRunOptions {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Validator properties: mappings file, both databases, optional Kafka (see docs/validator.md).")
    Path config;

    @Option(names = {"--table", "-t"}, paramLabel = "MAPPING",
            description = "Mapping to compare (repeatable). Default: every mapping of the mappings file.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", description = "auto, checksum or merge (overrides the config file).")
    String mode;

    @Option(names = "--parallelism", paramLabel = "N", description = "Segments compared at the same time.")
    Integer parallelism;

    @Option(names = "--segments", paramLabel = "N", description = "Top-level segments per integer-keyed table (0 = automatic).")
    Integer segments;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Record finished segments here; rerun with the same file to resume after an interruption.")
    Path checkpoint;

    private static ValidationMode parseMode(String value) {
        try {
            return ValidationMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode must be auto, checksum or merge, got '" + value + "'", e);
        }
    }

    ValidatorConfig load() {
        return ConfigFiles.load(config, ValidatorConfig::new);
    }

    ValidationOptions options(ValidatorConfig config) {
        ValidationOptions options = config.options();
        if (mode != null) {
            options = options.withMode(parseMode(mode));
        }
        if (parallelism != null) {
            options = options.withParallelism(parallelism);
        }
        if (segments != null) {
            options = options.withSegments(segments);
        }
        return options.withCheckpoint(checkpoint);
    }
}
