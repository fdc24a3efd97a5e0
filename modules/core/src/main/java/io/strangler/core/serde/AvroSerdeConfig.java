package io.strangler.core.serde;

import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the Avro serdes when Kafka instantiates them by class name. The keys are the Confluent ones, so
 * the same properties configure Confluent's serdes too.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = RestSchemaRegistryClient.URL_CONFIG;
    public static final String BASIC_AUTH_USER_INFO = RestSchemaRegistryClient.USER_INFO_CONFIG;
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Schema registry URL (Confluent REST API), e.g. http://localhost:8081.")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "user:password for HTTP basic authentication to the registry; empty for none.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Register the record's schema under the subject when serializing; when false the schema must "
                            + "already be registered and its id is looked up.");

    public AvroSerdeConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public boolean autoRegister() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    /** A REST client for the configured registry. */
    public SchemaRegistryClient registryClient() {
        Map<String, Object> configs = new HashMap<>();
        configs.put(SCHEMA_REGISTRY_URL, getString(SCHEMA_REGISTRY_URL));
        Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
        if (userInfo != null) {
            configs.put(BASIC_AUTH_USER_INFO, userInfo.value());
        }
        return RestSchemaRegistryClient.fromConfig(configs);
    }
}
