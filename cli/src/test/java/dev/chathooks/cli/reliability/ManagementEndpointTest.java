package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.PrometheusText;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-hooks run} in a JVM of its own on the shared broker, watched only through its management endpoint, as
 * an operator would: readiness is 503 until the topology runs and 200 after; the figures scraped while events flow
 * match what happened (every event counted, every call of a hook that succeeds, every failure and dead letter of one
 * that always fails, a stuck hook's lag growing with each invocation written). The exposition is read with a strict
 * parser of the text format ({@link PrometheusText}), never with a regular expression.
 */
@KafkaIntegrationTest
class ManagementEndpointTest {
    private static final Pattern ENDPOINT = Pattern.compile("Management endpoint on http://[^:]+:(\\d+)");
    private static final int CONVERSATIONS = 5;
    private static final int MESSAGES = 40;
    private static final int LATER_MESSAGES = 10;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void anOperatorSeesReadinessAndFiguresThatMatchWhatHappened() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String app = TestTopics.uniqueName("management");
        Map<String, String> topics = new LinkedHashMap<>();
        for (String topic : List.of("conversations", "messages", "typing", "users", "devices", "dlq")) {
            topics.put(topic, app + "." + topic);
        }
        Path gate = dir.resolve("gate");
        Path hooks = ProcessorProcess.hooksFolder(
                dir.resolve("hooks"), SteadyJournalHook.class, FlakyJournalHook.class, StuckHook.class);
        try (ProcessorProcess process =
                ProcessorProcess.start("management", dir, hooks, arguments(servers, app, topics, gate))) {
            int port = awaitPort(process);

            // The stuck hook's start waits for the gate: the topology cannot run yet.
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> starting = get(port, "/health/ready");
            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).contains("\"status\":\"DOWN\"").contains("the topology does not run yet");

            Files.createFile(gate);
            Await.until(
                    "the instance is ready",
                    Duration.ofSeconds(120),
                    () -> status(port, "/health/ready") == 200,
                    () -> process.output());
            HttpResponse<String> ready = get(port, "/health/ready");
            assertThat(ready.body()).contains("\"status\":\"UP\"").contains("\"problems\":[]");

            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int c = 0; c < CONVERSATIONS; c++) {
                records.add(record(
                        topics.get("conversations"),
                        ChatEvents.created("c-" + c, List.of("u-1", "u-2"), List.of("u-1"))));
            }
            // The conversations first: a message read before its conversation would be dead-lettered.
            TestRecords.produce(servers, records);
            records.clear();
            awaitScrape(
                    port,
                    "the conversations were created",
                    text -> text.sum("chathooks_invocations_total", "kind", "after_conversation_created")
                            == CONVERSATIONS);
            for (int m = 0; m < MESSAGES; m++) {
                records.add(record(
                        topics.get("messages"),
                        ChatEvents.sent("c-" + m % CONVERSATIONS, "m-" + m, "u-1", "hello " + m)));
            }
            records.add(TestRecords.record(topics.get("messages"), "c-0", "{not json"));
            TestRecords.produce(servers, records);

            int calls = CONVERSATIONS + MESSAGES;
            // A scrape reads one meter after another, in no fixed order, while calls finish, so a call can be in one
            // meter and not yet in another of the same scrape: wait until every meter asserted on below has counted
            // every call.
            PrometheusText settled = awaitScrape(
                    port,
                    "every call finished or dead-lettered, in every meter",
                    text -> text.sum("chathooks_hook_calls_total", "hook", "steady-journal", "outcome", "succeeded")
                                    == calls
                            && text.sum(
                                            "chathooks_hook_calls_total",
                                            "hook",
                                            "flaky-journal",
                                            "outcome",
                                            "dead_lettered")
                                    == calls
                            && text.sum("chathooks_hook_calls_total", "hook", "flaky-journal", "outcome", "retried")
                                    == calls
                            && text.sum("chathooks_hook_call_seconds_count", "hook", "steady-journal") == calls
                            && text.sum("chathooks_hook_latency_seconds_count", "hook", "steady-journal") == calls
                            && text.sum("chathooks_hook_in_flight", "hook", "stuck") == 1);

            assertThat(settled.sum("chathooks_events_total")).isEqualTo(calls);
            assertThat(settled.sum(
                            "chathooks_events_total",
                            "topic",
                            topics.get("conversations"),
                            "type",
                            "chat.conversation.created"))
                    .isEqualTo(CONVERSATIONS);
            assertThat(settled.sum(
                            "chathooks_events_total", "topic", topics.get("messages"), "type", "chat.message.sent"))
                    .isEqualTo(MESSAGES);
            assertThat(settled.sum("chathooks_rejected_total", "reason", "malformed-json"))
                    .isEqualTo(1);
            assertThat(settled.sum("chathooks_rejected_total")).isEqualTo(1);
            assertThat(settled.sum("chathooks_invocations_total", "kind", "after_conversation_created"))
                    .isEqualTo(CONVERSATIONS);
            assertThat(settled.sum("chathooks_invocations_total", "kind", "after_message_sent"))
                    .isEqualTo(MESSAGES);

            assertThat(settled.sum(
                            "chathooks_hook_calls_total",
                            "hook",
                            "steady-journal",
                            "kind",
                            "after_message_sent",
                            "outcome",
                            "succeeded"))
                    .isEqualTo(MESSAGES);
            assertThat(settled.sum("chathooks_hook_calls_total", "hook", "steady-journal", "outcome", "dead_lettered"))
                    .isZero();
            assertThat(settled.sum(
                            "chathooks_hook_call_seconds_count",
                            "hook",
                            "steady-journal",
                            "kind",
                            "after_message_sent"))
                    .isEqualTo(MESSAGES);
            assertThat(settled.sum("chathooks_hook_latency_seconds_count", "hook", "steady-journal"))
                    .isEqualTo(calls);
            // Always failing, two attempts each: one retry and one dead letter per call, no success.
            assertThat(settled.sum("chathooks_hook_calls_total", "hook", "flaky-journal", "outcome", "retried"))
                    .isEqualTo(calls);
            assertThat(settled.sum("chathooks_hook_calls_total", "hook", "flaky-journal", "outcome", "succeeded"))
                    .isZero();
            assertThat(settled.sum("chathooks_hook_in_flight", "hook", "stuck")).isEqualTo(1);
            assertThat(settled.family("chathooks_hook_call_seconds").type()).isEqualTo("histogram");
            assertThat(settled.families().keySet())
                    .contains("jvm_memory_used_bytes")
                    .anyMatch(name -> name.startsWith("kafka_stream_"))
                    .anyMatch(name -> name.startsWith("kafka_producer_"));

            PrometheusText watched = awaitScrape(
                    port,
                    "the partitions' leaders are known",
                    text -> text.sum("chathooks_unavailable_partitions") == 0);
            assertThat(watched.family("chathooks_unavailable_partitions").type())
                    .isEqualTo("gauge");

            PrometheusText before = awaitScrape(
                    port,
                    "the stuck hook's lag is known",
                    text -> text.sum("chathooks_hook_lag_records", "hook", "stuck") > 0
                            && text.sum("chathooks_hook_lag_records", "hook", "steady-journal") == 0);
            double stuckLag = before.sum("chathooks_hook_lag_records", "hook", "stuck");

            List<ProducerRecord<byte[], byte[]>> later = new ArrayList<>();
            for (int m = MESSAGES; m < MESSAGES + LATER_MESSAGES; m++) {
                later.add(record(
                        topics.get("messages"),
                        ChatEvents.sent("c-" + m % CONVERSATIONS, "m-" + m, "u-2", "later " + m)));
            }
            TestRecords.produce(servers, later);
            PrometheusText after = awaitScrape(
                    port,
                    "the later messages were called",
                    text -> text.sum("chathooks_hook_calls_total", "hook", "steady-journal", "outcome", "succeeded")
                                    == calls + LATER_MESSAGES
                            && text.sum("chathooks_hook_lag_records", "hook", "stuck") >= stuckLag + LATER_MESSAGES);
            assertThat(after.sum("chathooks_hook_lag_records", "hook", "stuck"))
                    .isGreaterThanOrEqualTo(stuckLag + LATER_MESSAGES);
            assertThat(after.sum("chathooks_hook_in_flight", "hook", "stuck")).isEqualTo(1);

            assertThat(send(port, "/metrics", "POST").statusCode()).isEqualTo(405);
            assertThat(status(port, "/health/live")).isEqualTo(200);
        }
    }

    private static List<String> arguments(String servers, String app, Map<String, String> topics, Path gate) {
        List<String> arguments = new ArrayList<>(List.of(
                "--bootstrap-servers",
                servers,
                "--data-dir",
                gate.resolveSibling("data").toString()));
        Map<String, String> settings = new LinkedHashMap<>();
        topics.forEach((topic, name) -> settings.put("topics." + topic, name));
        settings.put("application.id", app);
        settings.put("topics.partitions", "3");
        settings.put(
                "hook.steady-journal.journal", gate.resolveSibling("steady.txt").toString());
        settings.put(
                "hook.flaky-journal.journal", gate.resolveSibling("flaky.txt").toString());
        settings.put("hook.flaky-journal.failure-rate", "1");
        settings.put("dispatch.hook.flaky-journal.retry.max-attempts", "2");
        settings.put("dispatch.hook.flaky-journal.retry.initial-backoff", "1ms");
        settings.put("dispatch.hook.flaky-journal.retry.max-backoff", "2ms");
        settings.put("hook.stuck.gate", gate.toString());
        settings.put("dispatch.hook.stuck.max-in-flight", "1");
        settings.put("dispatch.hook.stuck.timeout", "10m");
        settings.forEach((key, value) -> arguments.addAll(List.of("--set", key + "=" + value)));
        return arguments;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, ObjectNode event) {
        return TestRecords.record(topic, event.path("subject").asText(), event.toString());
    }

    private static int awaitPort(ProcessorProcess process) {
        int[] port = new int[1];
        Await.until(
                "the management endpoint listens",
                Duration.ofSeconds(60),
                () -> {
                    Matcher matcher = ENDPOINT.matcher(process.output());
                    if (matcher.find()) {
                        port[0] = Integer.parseInt(matcher.group(1));
                        return true;
                    }
                    assertThat(process.alive())
                            .as("the process runs; see %s", process.log())
                            .isTrue();
                    return false;
                },
                process::output);
        return port[0];
    }

    private PrometheusText awaitScrape(
            int port, String description, java.util.function.Predicate<PrometheusText> condition) {
        PrometheusText[] last = new PrometheusText[1];
        Await.until(
                description,
                Duration.ofSeconds(90),
                () -> {
                    last[0] = PrometheusText.parse(get(port, "/metrics").body());
                    return condition.test(last[0]);
                },
                () -> last[0] == null
                        ? "no scrape yet"
                        : "chathooks figures: "
                                + last[0].families().keySet().stream()
                                        .filter(name -> name.startsWith("chathooks_"))
                                        .map(name -> last[0].family(name).samples())
                                        .toList());
        return last[0];
    }

    private int status(int port, String path) {
        return get(port, path).statusCode();
    }

    private HttpResponse<String> get(int port, String path) {
        return send(port, path, "GET");
    }

    private HttpResponse<String> send(int port, String path, String method) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
