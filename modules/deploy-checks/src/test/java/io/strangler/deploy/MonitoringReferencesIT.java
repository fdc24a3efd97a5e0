package io.strangler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the Grafana dashboard and every alert rule asks for metrics the processors register, grouped by labels
 * those metrics carry. An IT because it starts a router on loopback to scrape its admin /metrics.
 */
class MonitoringReferencesIT {

    private static final Path DASHBOARD = Repository.BASE.resolve("monitoring/strangler-dashboard.json");
    private static final Path RULES = Repository.BASE.resolve("monitoring/strangler-rules.yaml");
    private static final Pattern METRIC = Pattern.compile("\\bstrangler_[a-zA-Z0-9_]+\\b");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern MATCHER = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");

    @TempDir
    static Path temporary;

    private static Map<String, Set<String>> registered;

    @BeforeAll
    static void scrapeTheProcessors() throws Exception {
        RegisteredMetrics metrics = new RegisteredMetrics();
        for (ProcessorInvocation invocation : Deployments.kubernetes()) {
            switch (invocation.processor()) {
                case "capture" -> metrics.addCapture((CaptureConfig) DeployedConfiguration.load(invocation));
                case "apply" -> metrics.addApply((ApplySinkConfig) DeployedConfiguration.load(invocation));
                case "router" -> metrics.addRouter(DeployedConfiguration.values(invocation), temporary);
                default -> {
                }
            }
        }
        metrics.addSync();
        metrics.addConsistency();
        registered = metrics.labelsByMetric();
    }

    static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : Repository.documents(DASHBOARD).get(0).path("panels")) {
            panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
        }
        for (JsonNode group : Repository.document(RULES).path("groups")) {
            group.path("rules").forEach(rule -> queries.add(rule.path("expr").asText()));
        }
        return queries;
    }

    @Test
    void shouldScrapeSomethingOfEveryProcessor() {
        assertThat(registered.keySet()).anyMatch(name -> name.startsWith("strangler_capture_"))
                .anyMatch(name -> name.startsWith("strangler_apply_"))
                .anyMatch(name -> name.startsWith("strangler_sync_"))
                .anyMatch(name -> name.startsWith("strangler_consistency_"))
                .anyMatch(name -> name.startsWith("strangler_router_"));
    }

    @Test
    void shouldQueryOnlyMetricsTheProcessorsRegister() {
        Set<String> missing = new TreeSet<>();
        for (String query : queries()) {
            Matcher metric = METRIC.matcher(query);
            while (metric.find()) {
                if (!registered.containsKey(metric.group())) {
                    missing.add(metric.group() + " in: " + query);
                }
            }
        }

        assertThat(missing).as("metrics the dashboard or the alerts ask for that no processor registers; registered: %s",
                new TreeSet<>(registered.keySet())).isEmpty();
    }

    @Test
    void shouldGroupAndFilterOnlyByLabelsTheQueriedMetricsCarry() {
        Set<String> wrong = new TreeSet<>();
        for (String query : queries()) {
            Set<String> carried = new TreeSet<>();
            Matcher metric = METRIC.matcher(query);
            while (metric.find()) {
                carried.addAll(registered.getOrDefault(metric.group(), Set.of()));
            }
            for (String label : labelsUsed(query)) {
                if (!carried.contains(label)) {
                    wrong.add(label + " in: " + query + " (the metrics carry " + carried + ")");
                }
            }
        }

        assertThat(wrong).as("labels no queried metric carries").isEmpty();
    }

    private static Set<String> labelsUsed(String query) {
        Set<String> labels = new TreeSet<>();
        Matcher grouping = GROUPING.matcher(query);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        Matcher matcher = MATCHER.matcher(query);
        while (matcher.find()) {
            Matcher label = MATCHER_LABEL.matcher(matcher.group(1));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        return labels;
    }
}
