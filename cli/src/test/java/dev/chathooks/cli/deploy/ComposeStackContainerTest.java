package dev.chathooks.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * docker-compose.yml comes up with three Chat Hooks instances: Prometheus scrapes all three and sees events flow
 * from the simulated chat server, and Grafana serves the provisioned dashboard. Skipped without a Docker engine.
 */
@KafkaIntegrationTest
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackContainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STACK_START = Duration.ofMinutes(5);

    @Container
    static final ComposeContainer STACK = new ComposeContainer(DeploymentFiles.COMPOSE.toFile())
            .withBuild(true)
            .withScaledService("chat-hooks", 3)
            .withExposedService("prometheus", 9090, Wait.forHttp("/-/ready").withStartupTimeout(STACK_START))
            .withExposedService("grafana", 3000, Wait.forHttp("/api/health").withStartupTimeout(STACK_START))
            .withRemoveVolumes(true);

    @Test
    void prometheusScrapesEveryInstanceAndSeesEventsFlow() {
        String prometheus =
                "http://" + STACK.getServiceHost("prometheus", 9090) + ":" + STACK.getServicePort("prometheus", 9090);
        Await.until(
                "Prometheus scrapes three healthy Chat Hooks instances",
                STACK_START,
                () -> value(prometheus, "count(up{job=\"chat-hooks\"} == 1)") == 3,
                () -> "");
        Await.until(
                "events read from the simulated chat server show in the metrics",
                STACK_START,
                () -> value(prometheus, "sum(chathooks_events_total)") > 0,
                () -> "");
    }

    @Test
    void grafanaServesTheProvisionedDashboard() {
        String grafana =
                "http://" + STACK.getServiceHost("grafana", 3000) + ":" + STACK.getServicePort("grafana", 3000);
        Await.until(
                "Grafana serves the Chat Hooks dashboard",
                STACK_START,
                () -> Http.getOk(grafana + "/api/dashboards/uid/chat-hooks") != null,
                () -> "");
    }

    /** A PromQL query's single value, or -1 while there is none. */
    private static double value(String prometheus, String query) {
        String body =
                Http.getOk(prometheus + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        if (body == null) {
            return -1;
        }
        try {
            JsonNode result = JSON.readTree(body).path("data").path("result");
            return result.size() == 1 ? result.get(0).path("value").get(1).asDouble() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
