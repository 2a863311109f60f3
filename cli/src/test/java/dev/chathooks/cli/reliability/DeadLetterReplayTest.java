package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.kafka.TopicSpec;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat-hooks dlq list} and {@code dlq replay} on a live processor: a dead letter re-runs once its cause is fixed. */
@KafkaIntegrationTest
@Tag("reliability")
class DeadLetterReplayTest {
    @TempDir
    Path dir;

    private LiveProcessors processors;
    private final CallLog log = new CallLog();

    @BeforeEach
    void processors() {
        processors = new LiveProcessors(SharedKafka.bootstrapServers(), dir, "replay");
    }

    @AfterEach
    void stop() {
        processors.close();
    }

    private ProducerRecord<byte[], byte[]> record(String topic, ObjectNode event) {
        return new ProducerRecord<>(
                processors.topic(topic), TestRecords.bytes(event.path("subject").asText()), ChatEvents.bytes(event));
    }

    @Test
    void aHookFailedDeadLetterIsReRunForThatHookAloneOnceTheHookIsFixed() {
        Figures figures = Figures.of("dlq replay of hook-failed dead letters");
        processors
                .set("dispatch.hook.fixable.retry.max-attempts", "2")
                .set("dispatch.hook.fixable.retry.initial-backoff", "1ms")
                .set("dispatch.hook.fixable.retry.max-backoff", "2ms");
        AtomicBoolean broken = new AtomicBoolean(true);
        ChatHooksRuntime runtime = processors.start(
                "a",
                new ObservedHook("fixable", log, (event, message) -> {
                    if (broken.get()
                            && message != null
                            && message.body().orElse("").contains("needs-fix")) {
                        throw new IllegalStateException("the downstream service rejects it");
                    }
                }),
                new ObservedHook("steady", log));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        records.add(record("conversations", ChatEvents.created("d-1", List.of("u-1", "u-2"), List.of())));
        Set<String> failing = new TreeSet<>();
        for (int m = 0; m < 50; m++) {
            ObjectNode sent = ChatEvents.sent("d-1", "m-" + m, "u-1", m % 10 == 3 ? "needs-fix " + m : "fine " + m);
            if (m % 10 == 3) {
                failing.add(sent.path("id").asText());
            }
            records.add(record("messages", sent));
        }

        TestRecords.produce(processors.bootstrapServers(), records);
        Await.until(
                "the steady hook made every call and the other one every call but the failing ones",
                () -> log.count("steady") == 51 && log.count("fixable") == 51 - failing.size());
        Await.until(
                "the failing calls are dead letters",
                () -> Cli.run(processors.keys(), "dlq", "list", "--hook", "fixable")
                        .out()
                        .contains(failing.size() + " dead letters {hook-failed=" + failing.size()));
        Cli list = Cli.run(processors.keys(), "dlq", "list", "--hook", "fixable");
        broken.set(false);
        Cli replay = Cli.run(processors.keys(), "dlq", "replay", "--hook", "fixable");

        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out())
                .contains("Re-ran " + failing.size() + " dead letters: {"
                        + processors.config().topics().invocations() + "=" + failing.size() + "}");
        Await.until(
                "the fixed hook made the failed calls",
                () -> log.eventIds("fixable").containsAll(failing));
        Await.until(
                "the other hook skipped the re-runs",
                () -> runtime.stats().get("steady").skippedKind() == failing.size());
        figures.put("dead letters listed", failing.size())
                .put("re-run", failing.size())
                .put("calls of the fixed hook", log.count("fixable"))
                .put("calls of the other hook", log.count("steady"))
                .put("time", figures.elapsed())
                .report();
        assertThat(list.out())
                .contains("hook-failed: fixable after 2 attempts: java.lang.IllegalStateException: "
                        + "the downstream service rejects it");
        assertThat(log.count("fixable")).as("each event once").isEqualTo(51);
        assertThat(log.count("steady"))
                .as("the other hook was not called again")
                .isEqualTo(51);
    }

    @Test
    void aMessageOfAConversationThatDidNotExistYetIsReRunOnceItDoes() {
        Figures figures = Figures.of("dlq replay of an unknown-conversation dead letter");
        processors.set("join.unknown-conversation.wait", "1s"); // no creation comes: its dead letter is soon
        processors.start("a", new ObservedHook("observed", log));
        ObjectNode early = ChatEvents.sent("late-1", "m-1", "u-1", "before the conversation existed");
        String earlyId = early.path("id").asText();

        TestRecords.produce(processors.bootstrapServers(), List.of(record("messages", early)));
        Await.until(
                "the message is a dead letter",
                () -> Cli.run(processors.keys(), "dlq", "list", "--reason", "unknown-conversation")
                        .out()
                        .contains("1 dead letters {unknown-conversation=1}"));
        ObjectNode created = ChatEvents.created("late-1", List.of("u-1", "u-2"), List.of());
        TestRecords.produce(processors.bootstrapServers(), List.of(record("conversations", created)));
        Await.until(
                "the conversation exists",
                () -> log.eventIds("observed").contains(created.path("id").asText()));
        Cli replay = Cli.run(processors.keys(), "dlq", "replay", "--reason", "unknown-conversation");

        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out()).contains("Re-ran 1 dead letters: {" + processors.topic("messages") + "=1}");
        Await.until(
                "the message's hook call was made",
                () -> log.eventIds("observed").contains(earlyId));
        figures.put("re-run", 1).put("time", figures.elapsed()).report();
    }

    @Test
    void aDeadLetterThatDoesNotSayWhereItCameFromIsReportedAndNotReRun() {
        // As Kafka Streams' own exception handler writes them: none of Chat Hooks' headers.
        TestTopics.create(processors.bootstrapServers(), TopicSpec.of(processors.topic("dlq"), 1));
        TestRecords.produce(
                processors.bootstrapServers(), List.of(TestRecords.record(processors.topic("dlq"), "k", "{}")));

        Cli replay = Cli.run(processors.keys(), "dlq", "replay");

        assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(1);
        assertThat(replay.out()).contains("Re-ran 0 dead letters");
        assertThat(replay.err())
                .contains("has no chat-hooks.source-topic header: it cannot be re-run")
                .contains("1 of 1 dead letters were not re-run.");
    }
}
