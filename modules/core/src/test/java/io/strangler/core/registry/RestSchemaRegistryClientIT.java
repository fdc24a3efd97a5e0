package io.strangler.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.RowChange;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST client against a real HTTP server (the embedded registry with an in-memory store). */
class RestSchemaRegistryClientIT {

    private static EmbeddedSchemaRegistry registry;
    private static RestSchemaRegistryClient client;

    @BeforeAll
    static void start() {
        registry = EmbeddedSchemaRegistry.startInMemory();
        client = RestSchemaRegistryClient.create(registry.url());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void shouldRegisterThenReadByIdLatestAndLookup() {
        int id = client.register("it-rowchange-value", RowChange.getClassSchema());

        RestSchemaRegistryClient fresh = RestSchemaRegistryClient.create(registry.url()); // no cache
        assertThat(fresh.schemaById(id)).isEqualTo(RowChange.getClassSchema());
        assertThat(fresh.latest("it-rowchange-value")).isEqualTo(
                new RegisteredSchema("it-rowchange-value", id, 1, RowChange.getClassSchema()));
        assertThat(fresh.lookup("it-rowchange-value", RowChange.getClassSchema()).version()).isEqualTo(1);
        assertThat(fresh.subjects()).contains("it-rowchange-value");
    }

    @Test
    void shouldReportCompatibilityAndAcceptAnythingForNewSubject() {
        Schema v1 = SchemaBuilder.record("Thing").fields().requiredLong("id").endRecord();
        Schema breaking = SchemaBuilder.record("Thing").fields().requiredLong("id").requiredString("name").endRecord();
        client.register("it-thing-value", v1);

        CompatibilityResult result = client.testCompatibility("it-thing-value", breaking);

        assertThat(result.compatible()).isFalse();
        assertThat(result.messages()).anySatisfy(m -> assertThat(m).contains("READER_FIELD_MISSING_DEFAULT"));
        assertThat(client.testCompatibility("it-never-registered", breaking).compatible()).isTrue();
        assertThatThrownBy(() -> client.register("it-thing-value", breaking))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                    assertThat(e.httpStatus()).isEqualTo(409);
                });
    }

    @Test
    void shouldSurfaceConfluentErrorCodes() {
        assertThatThrownBy(() -> client.latest("it-missing-subject"))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND))
                .hasMessageContaining("it-missing-subject");
        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
        client.register("it-lookup-value", RowChange.getClassSchema());
        assertThatThrownBy(() -> client.lookup("it-lookup-value", ApplyCommand.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void shouldSetSubjectCompatibilityLevel() {
        Schema v1 = SchemaBuilder.record("Other").fields().requiredLong("id").endRecord();
        Schema v2 = SchemaBuilder.record("Other").fields().requiredLong("id").requiredString("x").endRecord();
        client.register("it-none-value", v1);

        client.setCompatibility("it-none-value", CompatibilityLevel.NONE);

        assertThat(client.register("it-none-value", v2)).isPositive();
        assertThat(client.latest("it-none-value").version()).isEqualTo(2);
    }

    @Test
    void shouldReportUnreachableRegistryClearly() {
        RestSchemaRegistryClient nowhere = RestSchemaRegistryClient.create("http://127.0.0.1:1");

        assertThatThrownBy(() -> nowhere.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNREACHABLE))
                .hasMessageContaining("127.0.0.1:1");
    }
}
