package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.examples.webhook.testing.PythonProcess;
import dev.chathooks.mockservers.LocalEndpoint;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.invocation.InvocationCodec;
import dev.chathooks.processor.json.Json;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.TestRecords;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks in any language, end to end: {@code chat-hooks run} on its embedded broker with the webhook plugin folder and
 * two instances of the webhook hook: {@code py}, sending to a Python receiver that serves {@code example_hooks.py}
 * (the seed's first snippet), and {@code broken}, sending to an endpoint that never succeeds. The Python receiver
 * gets every call in each conversation's order while the broken endpoint still holds its first requests; then every
 * call of the broken instance is dead-lettered as {@code hook-failed}, naming the instance and the status.
 */
@KafkaIntegrationTest
@Tag("reliability")
class WebhookInstancesEndToEndTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path WEBHOOK_PLUGIN = REPO.resolve("examples/webhook/target/plugin");
    private static final Path PYTHON_DIR = REPO.resolve("examples/webhook/python");
    private static final Path RECEIVER =
            Path.of("src/test/python/recording_example_hooks.py").toAbsolutePath();
    private static final String DLQ = "chat-hooks.dlq";
    private static final Map<String, String> TOPICS = Map.of(
            "topics.conversations",
            "chat.conversations",
            "topics.messages",
            "chat.messages",
            "topics.typing",
            "chat.typing");

    @TempDir
    Path dir;

    @Test
    void aPythonReceiverGetsEveryCallInOrderWhileAFailingInstanceIsDeadLetteredWithoutDelayingIt() throws Exception {
        assumeTrue(
                PythonProcess.available(),
                "python3 is not on the PATH: the end-to-end test of the Python receiver"
                        + " needs it (Python 3.9 or later)");
        Figures figures = Figures.of("webhook instances: a Python receiver next to an endpoint that always fails");
        String secret = newSecret();
        ChatLoad load = ChatLoad.generate("c", 8, 160, 13);
        CountDownLatch brokenHolds = new CountDownLatch(1);
        // The first attempts wait until the Python receiver has every call, then every attempt fails with a 500.
        try (PythonProcess python = PythonProcess.serve(RECEIVER, secret, PYTHON_DIR);
                LocalEndpoint broken = LocalEndpoint.start(request -> {
                    brokenHolds.await();
                    return new LocalEndpoint.Reply(500, Map.of(), "broken on purpose");
                });
                LocalEndpoint own = LocalEndpoint.start(request -> LocalEndpoint.Reply.status(204));
                ProcessorProcess run = startRun(secret, python, broken, own)) {
            run.awaitRunning();
            String servers = bootstrapServers(run);
            long start = System.nanoTime();
            produce(servers, load);

            Received received = receive(python, load.size());
            DeliveryCheck check = DeliveryCheck.of("py", load, received.calls());
            assertThat(check.missing())
                    .as("events the Python receiver never got")
                    .isEmpty();
            assertThat(check.violations())
                    .as("calls the Python receiver got out of order")
                    .isEmpty();
            figures.put("events", load.size())
                    .put("Python receiver's calls", received.calls().size())
                    .put("duplicates", check.duplicates())
                    .put("missing", check.missingCount())
                    .put("order violations", check.violationCount())
                    .put("every Python call made after", seconds(System.nanoTime() - start));
            // The broken instance runs meanwhile: it sent its first requests, none of which has been answered yet.
            Await.until(
                    "the broken endpoint holds requests",
                    () -> !broken.received().isEmpty());
            figures.put(
                    "broken endpoint's requests held meanwhile",
                    broken.received().size());
            assertThat(hookFailures(servers, 0))
                    .as("no call failed for good yet")
                    .isEmpty();

            brokenHolds.countDown();
            List<ConsumerRecord<byte[], byte[]>> failures = hookFailures(servers, load.size());
            figures.put("broken instance's dead letters", failures.size())
                    .put("broken endpoint's requests", broken.received().size());
            assertThat(failures).hasSize(load.size()).allSatisfy(letter -> {
                assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON))
                        .startsWith("hook-failed: broken after 2 attempts: ")
                        .contains("HTTP 500");
                assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.HOOK))
                        .isEqualTo("broken");
            });
            assertThat(failures.stream()
                            .map(letter ->
                                    InvocationCodec.decode(letter.value()).eventId())
                            .collect(Collectors.toSet()))
                    .as("every call of the broken instance, dead-lettered")
                    .isEqualTo(eventIds(load));
            Await.until(
                    "the hook's own instance got every call too",
                    () -> eventIds(own).containsAll(eventIds(load)));
            assertThat(received.seedLines())
                    .as("the seed's snippet printed each message sent")
                    .isEqualTo(expectedSeedLines(load));
        } finally {
            brokenHolds.countDown();
            figures.report();
        }
    }

    /**
     * {@code run} with the webhook plugin folder: the hook's own instance, {@code webhook}, sends to {@code own}
     * (an instance of a plugin's hook runs next to the hook itself), {@code py} to the Python receiver, and
     * {@code broken} to the broken endpoint, with a request timeout longer than the test so that its attempts fail
     * by their status alone.
     */
    private ProcessorProcess startRun(String secret, PythonProcess python, LocalEndpoint broken, LocalEndpoint own)
            throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--embedded-port",
                Integer.toString(freePort()),
                "--data-dir",
                dir.resolve("data").toString(),
                "--plugins",
                WEBHOOK_PLUGIN.toString()));
        List<String> keys = List.of(
                "instances.py=webhook",
                "instances.broken=webhook",
                "hook.webhook.url=" + own.url("/"),
                "hook.webhook.secret=" + secret,
                "hook.py.url=" + python.url(),
                "hook.py.secret=" + secret,
                "hook.broken.url=" + broken.url("/hooks"),
                "hook.broken.secret=" + secret,
                "hook.broken.timeout=10m",
                "dispatch.hook.broken.timeout=11m",
                "dispatch.hook.broken.retry.max-attempts=2",
                "dispatch.hook.broken.retry.initial-backoff=10ms",
                "dispatch.hook.broken.retry.max-backoff=10ms",
                "management.enabled=false");
        keys.forEach(key -> arguments.addAll(List.of("--set", key)));
        return ProcessorProcess.start("webhook-run", dir, Files.createDirectories(dir.resolve("no-hooks")), arguments);
    }

    /** The embedded broker's address, as {@code run} prints it. */
    private static String bootstrapServers(ProcessorProcess run) {
        String output = run.output();
        int at = output.indexOf("Chat Hooks is running on ");
        return output.substring(at + "Chat Hooks is running on ".length()).split("\\s+")[0];
    }

    /** The load's users, then its events: creations first, as a chat server writes them (see ChatLoad#chunks). */
    private static void produce(String servers, ChatLoad load) {
        List<ProducerRecord<byte[], byte[]>> users = new ArrayList<>();
        for (int u = 1; u <= 52; u++) { // the users ChatLoad's conversations have: u-1 to u-52
            users.add(TestRecords.record(
                    "chat.users", "u-" + u, "{\"id\":\"u-" + u + "\",\"username\":\"user" + u + "\"}"));
        }
        TestRecords.produce(servers, users);
        for (List<ProducerRecord<byte[], byte[]>> chunk : load.chunks(TOPICS, 40, System.currentTimeMillis())) {
            TestRecords.produce(servers, chunk);
        }
    }

    /**
     * What the Python receiver printed, until every event of the load was called.
     *
     * @param calls the calls its recorders printed, in the order they were made
     * @param seedLines the lines the seed's snippet printed
     */
    private record Received(List<Call> calls, Set<String> seedLines) {}

    private static Received receive(PythonProcess python, int events) throws Exception {
        List<Call> calls = new ArrayList<>();
        Set<String> seedLines = new TreeSet<>();
        Set<String> called = new TreeSet<>();
        while (called.size() < events) {
            String line = python.nextLine();
            assertThat(line)
                    .as("the Python receiver's next call after " + called.size() + " of " + events
                            + "; it printed to stderr " + python.stderr())
                    .isNotNull();
            if (line.startsWith("{")) {
                JsonNode call = Json.mapper().readTree(line);
                calls.add(new Call(
                        "py",
                        call.path("conversation_id").asText(),
                        call.path("event_id").asText(),
                        call.path("kind").asText(),
                        ""));
                called.add(call.path("event_id").asText());
            } else {
                seedLines.add(line);
            }
        }
        return new Received(calls, seedLines);
    }

    /** What the seed's snippet prints for each message sent: its body and its conversation's title. */
    private static Set<String> expectedSeedLines(ChatLoad load) {
        Set<String> lines = new TreeSet<>();
        for (ChatLoad.Event event : load.events()) {
            if (event.value().path("type").asText().equals("chat.message.sent")) {
                lines.add("Message [" + event.value().at("/data/message/body").asText() + "] is sent to conversation"
                        + " [Title of " + event.conversationId() + "].");
            }
        }
        return lines;
    }

    /** The {@code hook-failed} dead letters, read again until there are {@code count} (a minute at most). */
    private static List<ConsumerRecord<byte[], byte[]>> hookFailures(String servers, int count) {
        List<ConsumerRecord<byte[], byte[]>> failures;
        long deadline = System.nanoTime() + Await.DEFAULT_TIMEOUT.toNanos();
        do {
            failures = TestRecords.readAll(servers, DLQ, Integer.MAX_VALUE, Duration.ofSeconds(1)).stream()
                    .filter(letter -> "hook-failed"
                            .equals(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON_CODE)))
                    .toList();
        } while (failures.size() < count && System.nanoTime() < deadline);
        return failures;
    }

    /** The CloudEvents ids of the requests {@code endpoint} received. */
    private static Set<String> eventIds(LocalEndpoint endpoint) {
        Set<String> ids = new TreeSet<>();
        for (LocalEndpoint.Received request : endpoint.received()) {
            try {
                ids.add(Json.mapper().readTree(request.body()).path("id").asText());
            } catch (IOException e) {
                throw new AssertionError("a request's body is not JSON: " + request.text(), e);
            }
        }
        return ids;
    }

    private static Set<String> eventIds(ChatLoad load) {
        return load.events().stream().map(ChatLoad.Event::eventId).collect(Collectors.toSet());
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
