package io.strangler.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest under deploy/ is a valid Kubernetes, Prometheus Operator or Strimzi resource (offline: model classes). */
class ManifestSchemaTest {

    static List<Path> manifests() {
        return Repository.manifests();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void shouldParseStrictlyAsTheResourceOfItsKind(Path file) throws Exception {
        List<JsonNode> documents = Repository.documents(file);
        assertThat(documents).as(Repository.relative(file)).isNotEmpty();
        for (JsonNode document : documents) {
            assertThat(StrictManifests.parse(document)).as(Repository.relative(file)).isNotNull();
        }
    }

    @Test
    void shouldRejectAFieldTheSchemaDoesNotHave() throws Exception {
        JsonNode misspelt = Repository.YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: x }
                spec: { replicaz: 2 }
                """);

        assertThatThrownBy(() -> StrictManifests.parse(misspelt)).hasMessageContaining("replicaz");
    }

    @Test
    void shouldAcceptTheSameDeploymentSpelledRight() throws Exception {
        JsonNode valid = Repository.YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: x }
                spec: { replicas: 2 }
                """);

        assertThat(((Deployment) StrictManifests.parse(valid)).getSpec().getReplicas()).isEqualTo(2);
    }
}
