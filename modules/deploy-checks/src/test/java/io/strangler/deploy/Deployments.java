package io.strangler.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every Strangler process that docker-compose.yml and deploy/ start, read from those files. */
final class Deployments {

    private static final String IMAGE = "strangler";

    private Deployments() {
    }

    /** The compose services built from the project's Dockerfile. */
    static List<ProcessorInvocation> compose() {
        JsonNode services = Repository.document(Repository.COMPOSE).path("services");
        List<ProcessorInvocation> invocations = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            JsonNode spec = service.getValue();
            if (!spec.path("image").asText().startsWith(IMAGE + ":")) {
                return;
            }
            Map<String, Path> mounts = new HashMap<>();
            for (JsonNode volume : spec.path("volumes")) {
                String[] parts = volume.asText().split(":");
                if (parts[0].startsWith("./")) {
                    mounts.put(parts[1], Repository.ROOT.resolve(parts[0]).normalize());
                }
            }
            Set<String> env = new HashSet<>();
            spec.path("environment").fieldNames().forEachRemaining(env::add);
            invocations.add(ProcessorInvocation.parse("docker-compose.yml service " + service.getKey(),
                    texts(spec.path("command")), env, mounts));
        });
        return invocations;
    }

    /** The containers of the Deployments and StatefulSets under deploy/base, their config from the ConfigMap. */
    static List<ProcessorInvocation> kubernetes() {
        List<ProcessorInvocation> invocations = new ArrayList<>();
        for (JsonNode manifest : Repository.manifestDocuments()) {
            String kind = manifest.path("kind").asText();
            if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
                continue;
            }
            JsonNode pod = manifest.path("spec").path("template").path("spec");
            Map<String, String> configMapVolumes = new HashMap<>();
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("configMap")) {
                    configMapVolumes.put(volume.path("name").asText(), volume.path("configMap").path("name").asText());
                }
            }
            for (JsonNode container : pod.path("containers")) {
                if (!container.path("image").asText().startsWith(IMAGE + ":")) {
                    continue;
                }
                Map<String, Path> mounts = new HashMap<>();
                for (JsonNode mount : container.path("volumeMounts")) {
                    String configMap = configMapVolumes.get(mount.path("name").asText());
                    if (configMap != null) {
                        mounts.put(mount.path("mountPath").asText(), KustomizeConfigMaps.directoryOf(configMap));
                    }
                }
                Set<String> env = new HashSet<>();
                container.path("env").forEach(variable -> env.add(variable.path("name").asText()));
                invocations.add(ProcessorInvocation.parse(kind + " " + manifest.path("metadata").path("name").asText(),
                        texts(container.path("args")), env, mounts));
            }
        }
        return invocations;
    }

    static List<ProcessorInvocation> all() {
        List<ProcessorInvocation> all = new ArrayList<>(compose());
        all.addAll(kubernetes());
        return all;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
