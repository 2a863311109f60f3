package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.kafka.TopicSpec;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestTopics;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-hooks load} and topic retention: a dump older than a topic's {@code retention.ms} is refused, as
 * Kafka would delete it before it is read; with {@code --retime} it is stamped now and every record is processed.
 */
@KafkaIntegrationTest
@Tag("reliability")
class LoadRetentionTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    private LiveProcessors processors;
    private final CallLog log = new CallLog();

    @BeforeEach
    void processors() {
        processors = new LiveProcessors(SharedKafka.bootstrapServers(), dir, "retention");
    }

    @AfterEach
    void stop() {
        processors.close();
    }

    /** A conversation created, then {@code messages} messages a second apart, from {@code start}. */
    private Path dump(long start, int messages, Set<String> eventIds) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(line("conversations", ChatEvents.created("r-1", List.of("u-1", "u-2"), List.of()), start, eventIds));
        for (int m = 0; m < messages; m++) {
            lines.add(line(
                    "messages",
                    ChatEvents.sent("r-1", "m-" + m, "u-1", "hello " + m),
                    start + 1000L * (m + 1),
                    eventIds));
        }
        Path file = dir.resolve("old.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private String line(String topic, ObjectNode event, long timestamp, Set<String> eventIds) throws IOException {
        eventIds.add(event.path("id").asText());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("topic", processors.topic(topic));
        record.put("key", event.path("subject").asText());
        record.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        record.put("value", event);
        return Json.mapper().writeValueAsString(record);
    }

    private Set<String> existingTopics() throws Exception {
        try (Admin admin = TestTopics.admin(processors.bootstrapServers())) {
            return admin.listTopics().names().get();
        }
    }

    @Test
    void aDumpOlderThanTheBrokersDefaultRetentionIsRefusedNamingTopicRetentionAndOldestTimestamp() throws Exception {
        long start = System.currentTimeMillis() - 12 * DAY;
        Path file = dump(start, 3, new TreeSet<>());

        Cli load = Cli.run(processors.keys(), "load", "--input", file.toString());

        assertThat(load.exitCode()).as(load.toString()).isNotZero();
        assertThat(load.err())
                .contains("topic " + processors.topic("conversations"))
                .contains("topic " + processors.topic("messages"))
                .contains("retention.ms=" + 7 * DAY)
                .contains(Instant.ofEpochMilli(start).toString())
                .contains("--retime");
        assertThat(existingTopics())
                .as("nothing was created or loaded")
                .doesNotContain(processors.topic("conversations"), processors.topic("messages"));
    }

    @Test
    void aDumpOlderThanAnExistingTopicsRetentionIsRefused() throws Exception {
        TestTopics.create(
                processors.bootstrapServers(),
                TopicSpec.of(processors.topic("messages"), 4).withConfig("retention.ms", String.valueOf(DAY)));
        long start = System.currentTimeMillis() - 2 * DAY;
        Path file = dump(start, 3, new TreeSet<>());

        Cli load = Cli.run(processors.keys(), "load", "--input", file.toString());

        assertThat(load.exitCode()).as(load.toString()).isNotZero();
        assertThat(load.err())
                .contains("topic " + processors.topic("messages") + " keeps records for retention.ms=" + DAY)
                .contains(Instant.ofEpochMilli(start + 1000).toString())
                .doesNotContain("topic " + processors.topic("conversations"));
    }

    @Test
    void withRetimeTheNewestRecordIsStampedNowWithSpacingKeptAndEveryRecordIsProcessed() throws Exception {
        processors.start("a", new ObservedHook("observed", log));
        long start = System.currentTimeMillis() - 12 * DAY;
        Set<String> eventIds = new TreeSet<>();
        Path file = dump(start, 20, eventIds);
        long beforeLoad = System.currentTimeMillis();

        Cli load = Cli.run(processors.keys(), "load", "--input", file.toString(), "--retime");

        assertThat(load.exitCode()).as(load.toString()).isZero();
        Await.until(
                "every loaded event was processed",
                () -> log.eventIds("observed").equals(eventIds));
        Path dumped = dir.resolve("dumped.jsonl");
        Cli dump = Cli.run(
                processors.keys(),
                "dump",
                "--output",
                dumped.toString(),
                "--topic",
                processors.topic("conversations"),
                "--topic",
                processors.topic("messages"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        List<Long> timestamps = new ArrayList<>();
        for (String line : Files.readAllLines(dumped, StandardCharsets.UTF_8)) {
            JsonNode record = Json.mapper().readTree(line);
            timestamps.add(Instant.parse(record.path("timestamp").asText()).toEpochMilli());
        }
        assertThat(timestamps).hasSize(21).isSorted();
        long newest = timestamps.get(20);
        assertThat(newest).isBetween(beforeLoad, System.currentTimeMillis());
        for (int i = 0; i < timestamps.size(); i++) {
            assertThat(newest - timestamps.get(i)).as("spacing of record " + i).isEqualTo(1000L * (20 - i));
        }
    }
}
