package io.strangler.core.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.registry.CompatibilityLevel;
import io.strangler.core.registry.SchemaRegistryException;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.RowChange;
import org.junit.jupiter.api.Test;

class RegistryServiceTest {

    static final String V1 = """
            {"type":"record","name":"Customer","fields":[{"name":"id","type":"long"}]}""";
    static final String V2_WITH_DEFAULT = """
            {"type":"record","name":"Customer","fields":[{"name":"id","type":"long"},
             {"name":"name","type":"string","default":""}]}""";
    static final String V2_WITHOUT_DEFAULT = """
            {"type":"record","name":"Customer","fields":[{"name":"id","type":"long"},
             {"name":"name","type":"string"}]}""";

    private final InMemorySchemaStore store = new InMemorySchemaStore();
    private final RegistryService service = new RegistryService(store);

    @Test
    void shouldReturnSameIdWhenSameSchemaIsRegisteredTwiceUnderSameSubject() {
        int first = service.register("customers-value", V1);
        int second = service.register("customers-value", V1.replace(" ", "  ")); // same schema, other spelling

        assertThat(second).isEqualTo(first);
        assertThat(service.versions("customers-value")).containsExactly(1);
    }

    @Test
    void shouldShareIdsAcrossSubjectsAndNumberVersionsPerSubject() {
        int a = service.register("a-value", V1);
        int b = service.register("b-value", V1);
        int c = service.register("c-value", RowChange.getClassSchema().toString());

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(service.version("c-value", "latest").version()).isEqualTo(1);
        assertThat(service.versionsOfId(a)).extracting(RegistryService.Version::subject)
                .containsExactly("a-value", "b-value");
    }

    @Test
    void shouldAcceptBackwardCompatibleEvolutionUnderDefaultLevel() {
        service.register("customers-value", V1);

        int id = service.register("customers-value", V2_WITH_DEFAULT);

        assertThat(service.version("customers-value", "latest").id()).isEqualTo(id);
        assertThat(service.version("customers-value", "2").schema()).contains("\"default\":\"\"");
    }

    @Test
    void shouldRejectNewFieldWithoutDefaultUnderBackwardWith409() {
        service.register("customers-value", V1);

        assertThatThrownBy(() -> service.register("customers-value", V2_WITHOUT_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("customers-value", "READER_FIELD_MISSING_DEFAULT", "name");
                });
        assertThat(service.versions("customers-value")).containsExactly(1);
    }

    @Test
    void shouldAcceptAnyChangeUnderNoneAndCheckForwardUnderForward() {
        service.register("customers-value", V1);
        service.setLevel("customers-value", CompatibilityLevel.NONE);
        service.register("customers-value", V2_WITHOUT_DEFAULT);

        service.setLevel("customers-value", CompatibilityLevel.FORWARD);
        // removing the field without default: version 2 (reader) cannot read data written without "name"
        assertThat(service.testCompatibility("customers-value", null, V1).compatible()).isFalse();
        assertThat(service.testCompatibility("customers-value", "1", V1).compatible()).isTrue();
    }

    @Test
    void shouldCheckEveryVersionUnderTransitiveLevel() {
        service.setLevel(null, CompatibilityLevel.NONE);
        service.register("s", V1);
        service.register("s", V2_WITHOUT_DEFAULT);
        String v3 = V2_WITHOUT_DEFAULT.replace("\"string\"}", "\"string\"},{\"name\":\"x\",\"type\":\"int\",\"default\":0}");

        service.setLevel("s", CompatibilityLevel.BACKWARD);
        assertThat(service.testCompatibility("s", null, v3).compatible()).isTrue();
        service.setLevel("s", CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(service.testCompatibility("s", null, v3).messages()).singleElement().asString()
                .contains("version 1", "READER_FIELD_MISSING_DEFAULT");
    }

    @Test
    void shouldKeepIdsVersionsAndConfigWhenRestartedOnSameStore() {
        service.register("a-value", V1);
        int id2 = service.register("a-value", V2_WITH_DEFAULT);
        service.register("b-value", ApplyCommand.getClassSchema().toString());
        service.setLevel("b-value", CompatibilityLevel.FULL);

        RegistryService restarted = new RegistryService(store);

        assertThat(restarted.version("a-value", "2").id()).isEqualTo(id2);
        assertThat(restarted.subjects()).containsExactly("a-value", "b-value");
        assertThat(restarted.level("b-value")).isEqualTo(CompatibilityLevel.FULL);
        assertThat(restarted.register("c-value", V2_WITH_DEFAULT)).isEqualTo(id2);
        assertThat(restarted.register("d-value", RowChange.getClassSchema().toString())).isEqualTo(4);
    }

    @Test
    void shouldSoftDeleteSubjectButKeepIdResolvableAndReuseIdOnReRegistration() {
        int id = service.register("a-value", V1);

        assertThat(service.deleteSubject("a-value")).containsExactly(1);

        assertThat(service.subjects()).isEmpty();
        assertThat(service.schemaById(id)).contains("Customer");
        assertThatThrownBy(() -> service.versions("a-value")).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
        assertThat(service.register("a-value", V1)).isEqualTo(id);
        assertThat(service.versions("a-value")).containsExactly(2);
    }

    @Test
    void shouldAnswerConfluentErrorCodesForMissingThings() {
        service.register("a-value", V1);

        assertThat(code(() -> service.version("nope", "latest"))).isEqualTo(40401);
        assertThat(code(() -> service.version("a-value", "9"))).isEqualTo(40402);
        assertThat(code(() -> service.version("a-value", "zero"))).isEqualTo(42202);
        assertThat(code(() -> service.schemaById(99))).isEqualTo(40403);
        assertThat(code(() -> service.lookup("a-value", V2_WITH_DEFAULT))).isEqualTo(40403);
        assertThat(code(() -> service.register("a-value", "{\"type\":\"record\"}"))).isEqualTo(42201);
        assertThat(code(() -> service.subjectLevel("a-value", false))).isEqualTo(40408);
    }

    private static int code(Runnable call) {
        try {
            call.run();
        } catch (SchemaRegistryException e) {
            return e.errorCode();
        }
        throw new AssertionError("expected a SchemaRegistryException");
    }
}
