package io.strangler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/'s kustomizations refer to files that exist, leave none out, and ship the examples unchanged. */
class KustomizationTest {

    @Test
    void shouldReferOnlyToFilesAndFoldersThatExist() throws IOException {
        for (Path kustomization : kustomizations()) {
            Path folder = kustomization.getParent();
            JsonNode spec = Repository.document(kustomization);
            List<String> referenced = new ArrayList<>();
            spec.path("resources").forEach(resource -> referenced.add(resource.asText()));
            spec.path("patches").forEach(patch -> referenced.add(patch.path("path").asText()));
            for (String generators : List.of("configMapGenerator", "secretGenerator")) {
                spec.path(generators).forEach(generator -> generator.path("files")
                        .forEach(file -> referenced.add(file.asText().replaceFirst("^[^=]*=", ""))));
            }
            assertThat(referenced).as(Repository.relative(kustomization)).isNotEmpty();
            for (String reference : referenced) {
                Path target = folder.resolve(reference).normalize();
                assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                        .as("%s refers to %s, which is neither a file nor a kustomization",
                                Repository.relative(kustomization), reference).isTrue();
            }
        }
    }

    @Test
    void shouldListEveryManifestOfTheBase() {
        JsonNode base = Repository.document(Repository.BASE.resolve("kustomization.yaml"));
        List<Path> listed = new ArrayList<>();
        base.path("resources").forEach(resource -> listed.add(Repository.BASE.resolve(resource.asText()).normalize()));

        assertThat(Repository.manifests().stream().filter(file -> file.startsWith(Repository.BASE)))
                .as("manifests under deploy/base that its kustomization.yaml does not list")
                .allMatch(listed::contains);
    }

    @Test
    void shouldShipTheExamplesUnchangedInTheConfigMap() throws IOException {
        Path config = Repository.BASE.resolve("config");
        try (Stream<Path> copies = Files.list(config)) {
            for (Path copy : copies.sorted().toList()) {
                Path original = original(copy.getFileName().toString());
                assertThat(copy).as("deploy/base/config/%s is a copy of %s (kustomize reads no file outside its"
                        + " folder): copy it again", copy.getFileName(), Repository.relative(original))
                        .hasSameTextualContentAs(original);
            }
        }
    }

    /** The example of that name under connectors/, topologies/ or modules/router/examples; exactly one. */
    private static Path original(String name) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String root : List.of("connectors", "topologies", "modules/router")) {
            try (Stream<Path> files = Files.walk(Repository.ROOT.resolve(root))) {
                files.filter(file -> file.getParent().getFileName().toString().equals("examples"))
                        .filter(file -> file.getFileName().toString().equals(name)).forEach(found::add);
            }
        }
        assertThat(found).as("examples named %s", name).hasSize(1);
        return found.get(0);
    }

    private static List<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(Repository.DEPLOY)) {
            return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }
}
