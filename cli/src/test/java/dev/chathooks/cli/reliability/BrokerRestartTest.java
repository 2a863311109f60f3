package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.devtools.embedded.EmbeddedKafka;
import dev.chathooks.processor.kafka.TopicSpec;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker is stopped in the middle of the load and started again on the same port and data directory, while a
 * processor and a producer keep going: no event's call is lost, each conversation's order is kept.
 */
@KafkaIntegrationTest
@Tag("reliability")
class BrokerRestartTest {
    private static final int CONVERSATIONS = 100;
    private static final int EVENTS = 10_000;
    /** Events are produced in chunks, a pause apart, so the broker stops while they arrive. */
    private static final int CHUNK = 250;

    private static final Duration PAUSE = Duration.ofMillis(300);
    private static final Duration DOWNTIME = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void stoppingAndRestartingTheBrokerDuringLoadLosesNothing() throws Exception {
        Figures figures = Figures.of("broker stopped and restarted during load");
        Path data = dir.resolve("kafka");
        EmbeddedKafka broker = EmbeddedKafka.builder(data).port(0).build().start();
        int port = broker.port();
        CallLog log = new CallLog();
        try (LiveProcessors processors = new LiveProcessors(broker.bootstrapServers(), dir, "broker-restart")) {
            String servers = broker.bootstrapServers();
            TestTopics.create(
                    servers,
                    TopicSpec.of(processors.topic("conversations"), 4),
                    TopicSpec.of(processors.topic("messages"), 4),
                    TopicSpec.of(processors.topic("typing"), 4));
            processors.start("instance", new ObservedHook("observed", log));

            ChatLoad load = ChatLoad.generate("r", CONVERSATIONS, EVENTS, 7);
            long firstTimestamp = System.currentTimeMillis();
            long start = System.nanoTime();
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (List<ProducerRecord<byte[], byte[]>> chunk :
                        load.chunks(processors.keys(), CHUNK, firstTimestamp)) {
                    // Waits for the broker while it is down: the chat server's producer would do the same.
                    TestRecords.produce(servers, chunk);
                    pause();
                }
            });

            Await.until(
                    "30 % of the calls are made",
                    Duration.ofSeconds(120),
                    () -> log.count("observed") >= 0.3 * EVENTS,
                    () -> log.count("observed") + " calls");
            int callsAtStop = log.count("observed");
            broker.close();
            long stoppedAt = System.nanoTime();
            Thread.sleep(DOWNTIME.toMillis()); // the outage itself, not a wait for anything
            int callsWhileDown = log.count("observed") - callsAtStop;
            broker = EmbeddedKafka.builder(data).port(port).build().start();
            long restartedAt = System.nanoTime();
            figures.put("calls before the stop", callsAtStop)
                    .put("calls while it was down (already fetched)", callsWhileDown)
                    .put("broker down for", seconds(restartedAt - stoppedAt))
                    .put("production still under way at the stop", !producing.isDone());

            producing.get(180, TimeUnit.SECONDS);
            Set<String> expected =
                    load.events().stream().map(ChatLoad.Event::eventId).collect(Collectors.toSet());
            Await.until(
                    "every event's call was made",
                    Duration.ofSeconds(180),
                    () -> log.eventIds("observed").containsAll(expected),
                    () -> log.count("observed") + " calls");
            figures.put("events", EVENTS)
                    .put("conversations", CONVERSATIONS)
                    .put("time to every call", seconds(System.nanoTime() - start))
                    .put("time from the restart to every call", seconds(System.nanoTime() - restartedAt));

            DeliveryCheck check = DeliveryCheck.of("observed", load, log.of("observed"));
            figures.put("calls", check.calls())
                    .put("duplicates", check.duplicates() + " (" + check.duplicatePercent() + ")")
                    .put("missing", check.missingCount())
                    .put("order violations", check.violationCount());
            assertThat(check.missing()).as("events never called").isEmpty();
            assertThat(check.violations()).as("calls out of order").isEmpty();
            int deadLetters = TestRecords.readAll(servers, processors.topic("dlq"), 1, Duration.ofSeconds(3))
                    .size();
            figures.put("dead letters", deadLetters);
            assertThat(deadLetters).as("dead letters").isZero();
        } finally {
            broker.close();
            figures.report();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
