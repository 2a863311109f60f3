package dev.chathooks.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana provisioning (data source, dashboard provider, dashboards) is in Grafana's file format and the
 * dashboards and suggested alerts query only the metrics Chat Hooks exposes.
 */
class GrafanaAndAlertsTest {
    /** The metric names of the management endpoint's contract, as Prometheus shows them. */
    private static final Set<String> METRICS = Set.of(
            "chathooks_events_total",
            "chathooks_rejected_total",
            "chathooks_invocations_total",
            "chathooks_hook_calls_total",
            "chathooks_hook_call_seconds",
            "chathooks_hook_latency_seconds",
            "chathooks_hook_in_flight",
            "chathooks_hook_lag_records",
            "chathooks_unavailable_partitions");

    private static final Pattern METRIC = Pattern.compile("\\bchathooks_[a-z_]+");
    private static final Pattern HISTOGRAM_SERIES = Pattern.compile("_(bucket|count|sum)$");

    @Test
    void everyDashboardIsInGrafanasProvisioningFormatAndQueriesTheProvisionedDataSource() throws IOException {
        Set<String> dataSources = provisionedDataSourceUids();
        List<Path> dashboards = dashboards();
        assertThat(dashboards).isNotEmpty();
        Set<String> uids = new HashSet<>();
        for (Path file : dashboards) {
            JsonNode dashboard = DeploymentFiles.json(file);
            assertThat(dashboard.path("uid").asText())
                    .as(file + " uid")
                    .isNotBlank()
                    .hasSizeLessThanOrEqualTo(40);
            assertThat(uids.add(dashboard.get("uid").asText())).as("unique uid").isTrue();
            assertThat(dashboard.path("title").asText()).as(file + " title").isNotBlank();
            assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
            assertThat(dashboard.has("id") && !dashboard.get("id").isNull())
                    .as("a provisioned dashboard has no database id")
                    .isFalse();
            JsonNode panels = dashboard.get("panels");
            assertThat(panels.isArray() && panels.size() > 0)
                    .as(file + " panels")
                    .isTrue();
            Set<Integer> panelIds = new HashSet<>();
            for (JsonNode panel : panels) {
                String title = panel.path("title").asText();
                assertThat(panelIds.add(panel.path("id").asInt()))
                        .as("unique panel id: " + title)
                        .isTrue();
                assertThat(panel.path("type").asText()).as(title).isNotBlank();
                for (String field : List.of("x", "y", "w", "h")) {
                    assertThat(panel.path("gridPos").path(field).isInt())
                            .as(title + " gridPos." + field)
                            .isTrue();
                }
                assertThat(dataSources)
                        .as(title + " data source")
                        .contains(panel.path("datasource").path("uid").asText());
                JsonNode targets = panel.get("targets");
                assertThat(targets.isArray() && targets.size() > 0)
                        .as(title + " targets")
                        .isTrue();
                for (JsonNode target : targets) {
                    assertThat(target.path("refId").asText())
                            .as(title + " refId")
                            .isNotBlank();
                    assertThat(metricsIn(target.path("expr").asText()))
                            .as(title + ": " + target.get("expr"))
                            .isNotEmpty()
                            .isSubsetOf(METRICS);
                }
            }
        }
    }

    @Test
    void theDashboardShowsWhatAnOperatorWatches() {
        Set<String> used = new HashSet<>();
        for (Path file : dashboards()) {
            for (JsonNode panel : DeploymentFiles.json(file).get("panels")) {
                panel.get("targets")
                        .forEach(target ->
                                used.addAll(metricsIn(target.path("expr").asText())));
            }
        }

        assertThat(used)
                .contains(
                        "chathooks_hook_lag_records",
                        "chathooks_hook_calls_total",
                        "chathooks_hook_latency_seconds",
                        "chathooks_rejected_total",
                        "chathooks_events_total");
    }

    @Test
    void theDashboardProviderReadsTheFolderComposeMountsTheDashboardsAt() throws IOException {
        JsonNode grafana =
                DeploymentFiles.yaml(DeploymentFiles.COMPOSE).get("services").get("grafana");
        List<String> mounts = new ArrayList<>();
        grafana.get("volumes").forEach(volume -> mounts.add(volume.asText()));
        List<String> providerPaths = new ArrayList<>();
        for (Path file : yamlFiles(DeploymentFiles.GRAFANA_PROVISIONING.resolve("dashboards"))) {
            JsonNode provisioning = DeploymentFiles.yaml(file);
            assertThat(provisioning.path("apiVersion").asInt()).isEqualTo(1);
            provisioning.get("providers").forEach(provider -> {
                assertThat(provider.path("type").asText()).isEqualTo("file");
                providerPaths.add(provider.path("options").path("path").asText());
            });
        }

        assertThat(providerPaths).isNotEmpty();
        for (String path : providerPaths) {
            assertThat(mounts).contains("./deploy/grafana/dashboards:" + path + ":ro");
        }
        assertThat(mounts).contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void theSuggestedAlertsQueryOnlyChatHooksMetrics() {
        JsonNode rules = DeploymentFiles.yaml(DeploymentFiles.REPO.resolve("deploy/alerts.yml"));
        int alerts = 0;
        Set<String> alerted = new HashSet<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                alerts++;
                String expr = rule.get("expr").asText();
                assertThat(rule.path("alert").asText()).isNotBlank();
                if (!expr.startsWith("up{")) {
                    assertThat(metricsIn(expr)).as(expr).isNotEmpty().isSubsetOf(METRICS);
                    alerted.addAll(metricsIn(expr));
                }
            }
        }
        assertThat(alerts).isPositive();
        assertThat(alerted).as("a lost partition is alerted on").contains("chathooks_unavailable_partitions");
    }

    /** The metric names an expression queries, histogram series named by their histogram. */
    private static Set<String> metricsIn(String expr) {
        Set<String> metrics = new HashSet<>();
        Matcher matcher = METRIC.matcher(expr);
        while (matcher.find()) {
            metrics.add(HISTOGRAM_SERIES.matcher(matcher.group()).replaceFirst(""));
        }
        return metrics;
    }

    private static Set<String> provisionedDataSourceUids() throws IOException {
        Set<String> uids = new HashSet<>();
        for (Path file : yamlFiles(DeploymentFiles.GRAFANA_PROVISIONING.resolve("datasources"))) {
            JsonNode provisioning = DeploymentFiles.yaml(file);
            assertThat(provisioning.path("apiVersion").asInt()).isEqualTo(1);
            provisioning.get("datasources").forEach(source -> {
                assertThat(source.path("type").asText()).isEqualTo("prometheus");
                uids.add(source.path("uid").asText());
            });
        }
        return uids;
    }

    private static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(DeploymentFiles.DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file ->
                            file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }
}
