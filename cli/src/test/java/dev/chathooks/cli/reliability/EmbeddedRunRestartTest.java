package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.TestRecords;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-hooks run} with its embedded broker, killed with SIGKILL under load and started again on the same
 * data directory: the broker's topics, records and offsets and the topology's state survive, and no call is lost.
 */
@KafkaIntegrationTest
@Tag("reliability")
class EmbeddedRunRestartTest {
    private static final int CONVERSATIONS = 50;
    private static final int EVENTS = 4_000;
    private static final int CHUNK = 200;

    @TempDir
    Path dir;

    @Test
    void aKilledRunWithItsEmbeddedBrokerRestartsWithItsStateAndLosesNoCall() throws Exception {
        Figures figures = Figures.of("run with embedded broker killed and restarted");
        int port = freePort();
        String servers = "localhost:" + port;
        JournalFile journal = new JournalFile(dir.resolve("journal.txt"));
        Path hooks = ProcessorProcess.hooksFolder(dir.resolve("hooks"), SteadyJournalHook.class);
        List<String> arguments = List.of(
                "--embedded-port",
                Integer.toString(port),
                "--data-dir",
                dir.resolve("data").toString(),
                "--set",
                "hook.steady-journal.journal=" + journal.path(),
                "--set",
                "hook.steady-journal.instance=first");
        ProcessorProcess first = ProcessorProcess.start("first", dir, hooks, arguments);
        ProcessorProcess second = null;
        try {
            first.awaitRunning();
            ChatLoad load = ChatLoad.generate("e", CONVERSATIONS, EVENTS, 51);
            Map<String, String> topics = Map.of(
                    "topics.conversations",
                    "chat.conversations",
                    "topics.messages",
                    "chat.messages",
                    "topics.typing",
                    "chat.typing");
            long firstTimestamp = System.currentTimeMillis();
            long start = System.nanoTime();
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (List<ProducerRecord<byte[], byte[]>> chunk : load.chunks(topics, CHUNK, firstTimestamp)) {
                    // While the broker is down the producer waits for it, as a chat server's would.
                    TestRecords.produce(servers, chunk);
                    pause();
                }
            });
            Await.until(
                    "30 % of the calls are made",
                    Duration.ofSeconds(120),
                    () -> journal.calls().size() >= 0.3 * EVENTS,
                    () -> journal.calls().size() + " calls");
            first.kill();
            figures.put("calls before the kill", journal.calls().size())
                    .put("production still under way at the kill", !producing.isDone());
            long killedAt = System.nanoTime();
            second = ProcessorProcess.start(
                    "second",
                    dir,
                    hooks,
                    arguments.stream()
                            .map(argument -> argument.equals("hook.steady-journal.instance=first")
                                    ? "hook.steady-journal.instance=second"
                                    : argument)
                            .toList());
            second.awaitRunning();
            figures.put("restart until running", seconds(System.nanoTime() - killedAt));

            producing.get(180, TimeUnit.SECONDS);
            Set<String> expected =
                    load.events().stream().map(ChatLoad.Event::eventId).collect(Collectors.toSet());
            Await.until(
                    "every event's call was made",
                    Duration.ofSeconds(180),
                    () -> journal.calls().stream()
                            .map(Call::eventId)
                            .collect(Collectors.toSet())
                            .containsAll(expected),
                    () -> journal.calls().size() + " calls");
            DeliveryCheck check = DeliveryCheck.of("steady-journal", load, journal.calls());
            figures.put("events", EVENTS)
                    .put("time to every call", seconds(System.nanoTime() - start))
                    .put("calls", check.calls())
                    .put("duplicates", check.duplicates() + " (" + check.duplicatePercent() + ")")
                    .put("missing", check.missingCount())
                    .put("order violations", check.violationCount())
                    .put(
                            "calls by instance",
                            journal.calls().stream()
                                    .collect(Collectors.groupingBy(
                                            Call::instance, java.util.TreeMap::new, Collectors.counting())));
            assertThat(check.missing()).as("events never called").isEmpty();
            assertThat(check.violations()).as("calls out of order").isEmpty();
            assertThat(second.output()).as("the restarted run found its data").doesNotContain("Created topics");
            int deadLetters = TestRecords.readAll(servers, "chat-hooks.dlq", 1, Duration.ofSeconds(3))
                    .size();
            figures.put("dead letters", deadLetters);
            assertThat(deadLetters).isZero();
        } finally {
            first.close();
            if (second != null) {
                second.stop();
                second.close();
            }
            figures.report();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
