package dev.chathooks.processor.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.api.HookKind;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import dev.chathooks.testsupport.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagementServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ChatHooksMetrics metrics = ChatHooksMetrics.create();
    private final ManagementServer server = ManagementServer.start("127.0.0.1", 0, metrics);

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        metrics.hookCalls("push")
                .finished(HookKind.AFTER_MESSAGE_SENT, System.nanoTime(), System.currentTimeMillis(), 3, true);

        HttpResponse<String> response = send("GET", "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        PrometheusText text = PrometheusText.parse(response.body());
        assertThat(text.sum(
                        "chathooks_hook_calls_total",
                        "hook",
                        "push",
                        "kind",
                        "after_message_sent",
                        "outcome",
                        "succeeded"))
                .isEqualTo(1);
        assertThat(text.sum("chathooks_hook_calls_total", "hook", "push", "outcome", "retried"))
                .isEqualTo(2);
        assertThat(text.family("chathooks_hook_call_seconds").type()).isEqualTo("histogram");
        assertThat(text.sum("chathooks_hook_latency_seconds_count", "hook", "push"))
                .isEqualTo(1);
        assertThat(text.family("jvm_memory_used_bytes").type()).isEqualTo("gauge");
    }

    @Test
    void healthIsStartingUntilAProbeIsGiven() throws Exception {
        assertThat(send("GET", "/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = send("GET", "/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"status\":\"DOWN\"").contains("starting");

        server.health(new HealthProbe() {
            @Override
            public HealthStatus live() {
                return HealthStatus.down("the topology's Kafka Streams is ERROR");
            }

            @Override
            public HealthStatus ready() {
                return new HealthStatus(List.of());
            }
        });

        HttpResponse<String> dead = send("GET", "/health/live");
        assertThat(dead.statusCode()).isEqualTo(503);
        assertThat(dead.body()).contains("Kafka Streams is ERROR");
        assertThat(send("GET", "/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyGetIsServedAndUnknownPathsAreNotFound() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpResponse<String> response = send(method, "/metrics");
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        assertThat(send("GET", "/admin").statusCode()).isEqualTo(404);
    }

    @Test
    void aTakenPortIsRefusedWithWhatToChange() {
        assertThatThrownBy(() -> ManagementServer.start("127.0.0.1", server.port(), metrics))
                .isInstanceOf(ManagementStartException.class)
                .hasMessageContaining("management.port")
                .hasMessageContaining("--data-dir");
    }
}
