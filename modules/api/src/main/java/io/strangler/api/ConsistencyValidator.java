package io.strangler.api;

import io.strangler.api.internal.MappingsYaml;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.mapping.Mappings;
import io.strangler.validator.ValidationMode;
import io.strangler.validator.ValidationResult;
import io.strangler.validator.Validator;
import io.strangler.validator.ValidatorConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves the two databases identical: {@link #validate} is one deep comparison of whole tables ({@code strangler
 * validate}: checksums pushed into both databases, bisection down to rows and columns); {@link #continuous()} starts
 * the streaming auditor ({@code strangler run consistency}) that compares both change streams and alerts below a
 * threshold. Both read the builder's settings as the CLI reads its configuration file.
 *
 * <pre>{@code
 * ConsistencyValidator validator = ConsistencyValidator.builder().from(sync).build();
 * ValidationResult result = validator.validate();             // result.consistencyPercent(), result.tables()
 * try (ContinuousValidation watch = validator.continuous().alertThreshold(99.5).onAlert(listener).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class ConsistencyValidator {

    /**
     * What the builder validated.
     *
     * @param kafka      needed by {@link #continuous()} only; null for batch runs
     * @param properties further keys of the validator's file (docs/validator.md), applied last
     */
    public record Settings(Kafka kafka, Database monolith, Database service, Mappings mappings, Path workDir,
            ValidationMode mode, Map<String, String> properties) {

        public Settings {
            InvalidSettingException.require("validator.monolith", monolith, "call monolith(Database)");
            InvalidSettingException.require("validator.service", service, "call service(Database)");
            InvalidSettingException.require("validator.mappings", mappings, "call mappings(...) or from(SyncEngine)");
            if (mappings.mappings().isEmpty()) {
                throw new InvalidSettingException("validator.mappings", "at least one mapping is required");
            }
            InvalidSettingException.require("validator.workDir", workDir, "a directory for the mappings file");
            workDir = workDir.toAbsolutePath();
            InvalidSettingException.require("validator.mode", mode, "ValidationMode.AUTO, CHECKSUM or MERGE");
            properties = Map.copyOf(properties);
        }
    }

    private final Settings settings;
    private final Path mappingsFile;

    private ConsistencyValidator(Settings settings) {
        this.settings = settings;
        this.mappingsFile = MappingsYaml.write(settings.workDir(), settings.mappings());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Settings settings() {
        return settings;
    }

    /** Compares every mapping once. */
    public ValidationResult validate() {
        return validate(List.of());
    }

    /**
     * Compares the named mappings (every mapping when empty) once, as {@code strangler validate --table ...} does.
     *
     * @throws io.strangler.validator.ValidationException when a mapping does not fit the databases
     */
    public ValidationResult validate(List<String> mappingNames) {
        ValidatorConfig config = new ValidatorConfig(validatorProperties());
        Validator validator = Validator.create(config.monolith(), config.service(), config.mappings());
        return validator.validate(mappingNames, config.options());
    }

    /** The streaming auditor's builder, on this validator's databases, mappings and Kafka. */
    public ContinuousValidation.Builder continuous() {
        InvalidSettingException.require("validator.kafka", settings.kafka(),
                "continuous validation reads the change topics: call kafka(Kafka)");
        Map<String, String> values = new LinkedHashMap<>(settings.kafka().properties());
        values.putAll(settings.monolith().properties("monolith.database."));
        values.putAll(settings.service().properties("service.database."));
        values.put(StranglerConfig.MAPPINGS_FILE, mappingsFile.toString());
        return new ContinuousValidation.Builder(values, settings.workDir());
    }

    /** The validator's configuration file, as {@code strangler validate --config} would read it. */
    Map<String, String> validatorProperties() {
        Map<String, String> values = new LinkedHashMap<>();
        values.putAll(settings.monolith().properties(ValidatorConfig.MONOLITH_PREFIX));
        values.putAll(settings.service().properties(ValidatorConfig.SERVICE_PREFIX));
        values.put(StranglerConfig.MAPPINGS_FILE, mappingsFile.toString());
        values.put(ValidatorConfig.MODE, settings.mode().name().toLowerCase(java.util.Locale.ROOT));
        values.putAll(settings.properties());
        return values;
    }

    /** Collects the validator's settings. */
    public static final class Builder {

        private Kafka kafka;
        private Database monolith;
        private Database service;
        private Mappings mappings;
        private Path workDir;
        private ValidationMode mode = ValidationMode.AUTO;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /** The databases, mappings, Kafka and work directory of a sync: validate what it keeps in agreement. */
        public Builder from(SyncEngine sync) {
            SyncEngine.Settings of = sync.settings();
            this.kafka = of.kafka();
            this.monolith = of.monolith();
            this.service = of.service();
            this.mappings = of.mappings();
            this.workDir = of.workDir().resolve("validator");
            return this;
        }

        public Builder kafka(Kafka value) {
            this.kafka = value;
            return this;
        }

        public Builder monolith(Database value) {
            this.monolith = value;
            return this;
        }

        public Builder service(Database value) {
            this.service = value;
            return this;
        }

        public Builder mappings(Mappings value) {
            this.mappings = value;
            return this;
        }

        public Builder mappingsFile(Path file) {
            this.mappings = Mappings.load(InvalidSettingException.require("validator.mappingsFile", file,
                    "a mappings YAML file"));
            return this;
        }

        public Builder workDir(Path value) {
            this.workDir = value;
            return this;
        }

        /** AUTO (default: checksums for large tables), CHECKSUM or MERGE. */
        public Builder mode(ValidationMode value) {
            this.mode = value;
            return this;
        }

        /** Any other key of the validator's file, e.g. {@code strangler.validator.parallelism}. */
        public Builder property(String key, String value) {
            if (key == null || key.isBlank() || value == null) {
                throw new InvalidSettingException("validator.property", "needs a key and a value, got " + key + "="
                        + value);
            }
            properties.put(key, value);
            return this;
        }

        /**
         * @throws InvalidSettingException naming the bad setting
         * @throws org.apache.kafka.common.config.ConfigException naming the bad configuration key
         */
        public ConsistencyValidator build() {
            ConsistencyValidator validator = new ConsistencyValidator(new Settings(kafka, monolith, service, mappings,
                    workDir, mode, properties));
            // read the file once now, so that a bad key fails at build time rather than at the first run
            new ValidatorConfig(validator.validatorProperties());
            return validator;
        }
    }
}
