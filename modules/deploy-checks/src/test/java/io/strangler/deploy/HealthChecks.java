package io.strangler.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ports that compose health checks and Kubernetes probes ask a processor's health endpoints on. */
final class HealthChecks {

    private static final Pattern LOCAL_URL = Pattern.compile("http://localhost:(\\d+)(/health/ready|/health/live|/healthz)");
    private static final Set<String> HEALTH_PATHS = Set.of("/health/ready", "/health/live", "/healthz");

    private HealthChecks() {
    }

    static Set<Integer> portsProbed(ProcessorInvocation invocation) {
        String where = invocation.where();
        Set<Integer> ports = new HashSet<>();
        if (where.startsWith("docker-compose.yml service ")) {
            JsonNode service = Repository.document(Repository.COMPOSE).path("services")
                    .path(where.substring("docker-compose.yml service ".length()));
            Matcher matcher = LOCAL_URL.matcher(service.path("healthcheck").path("test").toString());
            while (matcher.find()) {
                ports.add(Integer.valueOf(matcher.group(1)));
            }
            return ports;
        }
        String name = where.substring(where.indexOf(' ') + 1);
        for (JsonNode manifest : Repository.manifestDocuments()) {
            if (!manifest.path("metadata").path("name").asText().equals(name) || !manifest.path("spec").has("template")) {
                continue;
            }
            for (JsonNode container : manifest.path("spec").path("template").path("spec").path("containers")) {
                for (String probe : new String[] {"readinessProbe", "livenessProbe", "startupProbe"}) {
                    JsonNode http = container.path(probe).path("httpGet");
                    if (http.isMissingNode()) {
                        throw new AssertionError(where + ": container " + container.path("name").asText() + " has no "
                                + probe + " on a health endpoint");
                    }
                    if (!HEALTH_PATHS.contains(http.path("path").asText())) {
                        throw new AssertionError(where + ": " + probe + " asks " + http.path("path").asText()
                                + ", not one of " + HEALTH_PATHS);
                    }
                    ports.add(containerPort(where, container, http.path("port")));
                }
            }
        }
        return ports;
    }

    private static int containerPort(String where, JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError(where + ": a probe names port '" + port.asText() + "', which the container lacks");
    }
}
