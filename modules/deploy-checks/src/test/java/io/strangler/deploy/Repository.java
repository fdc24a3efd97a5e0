package io.strangler.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's deployment files as the checks read them: paths from the module's directory, YAML as trees. */
final class Repository {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path BASE = DEPLOY.resolve("base");
    static final ObjectMapper YAML = new YAMLMapper();

    private Repository() {
    }

    /** Every document of a (multi-document) YAML file, empty documents left out. */
    static List<JsonNode> documents(Path file) {
        // SnakeYAML rather than Jackson's parser: it resolves anchors and merge keys (<<: *processor), as Compose does
        try (Reader reader = Files.newBufferedReader(file)) {
            List<JsonNode> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(YAML.valueToTree(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT.relativize(file) + ": " + e.getMessage(), e);
        }
    }

    static JsonNode document(Path file) {
        List<JsonNode> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(ROOT.relativize(file) + " holds " + documents.size() + " documents, not 1");
        }
        return documents.get(0);
    }

    /** The Kubernetes manifests under deploy/: every YAML file but kustomizations, configuration and rule files. */
    static List<Path> manifests() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .filter(file -> !file.startsWith(BASE.resolve("config")) && !file.startsWith(DEPLOY.resolve("compose")))
                    .filter(file -> !file.getFileName().toString().equals("strangler-rules.yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of every manifest. */
    static List<JsonNode> manifestDocuments() {
        return manifests().stream().flatMap(file -> documents(file).stream()).toList();
    }

    static String relative(Path file) {
        return ROOT.relativize(file.toAbsolutePath().normalize()).toString();
    }
}
