package io.strangler.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ConfigMaps that deploy/base/kustomization.yaml generates, as the folder their files come from. */
final class KustomizeConfigMaps {

    private KustomizeConfigMaps() {
    }

    /**
     * The one folder all files of the generated ConfigMap {@code name} live in (each file's key is its file name, so a
     * mount of the ConfigMap is that folder's files).
     */
    static Path directoryOf(String name) {
        JsonNode kustomization = Repository.document(Repository.BASE.resolve("kustomization.yaml"));
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            if (generator.path("name").asText().equals(name)) {
                Path directory = null;
                for (JsonNode file : generator.path("files")) {
                    Path parent = Repository.BASE.resolve(file.asText()).getParent();
                    if (directory != null && !directory.equals(parent)) {
                        throw new AssertionError("ConfigMap " + name + " takes files from " + directory + " and "
                                + parent + ": the checks map a mount to one folder");
                    }
                    directory = parent;
                }
                if (directory == null || !Files.isDirectory(directory)) {
                    throw new AssertionError("ConfigMap " + name + " has no files");
                }
                return directory;
            }
        }
        throw new AssertionError("no configMapGenerator named " + name + " in deploy/base/kustomization.yaml");
    }
}
