package dev.chathooks.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.fixtures.ChatEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 malformed and hostile records mixed into valid traffic, on a real broker: the processor keeps running,
 * every bad record is in the dead-letter topic with the reason its kind calls for, and every good event reaches
 * its hook, records that are odd but valid (large, deeply nested, exotic text) included.
 */
@KafkaIntegrationTest
@Tag("reliability")
class HostileInputTest {
    private static final int HOSTILE = 10_000;
    private static final int CONVERSATIONS = 100;
    private static final int GOOD_EVENTS = 5_000;

    @TempDir
    Path dir;

    @Test
    void hostileRecordsAreDeadLetteredWithTheirReasonAndEveryGoodEventReachesItsHook() {
        Figures figures = Figures.of("10,000 hostile records in valid traffic");
        CallLog log = new CallLog();
        try (LiveProcessors processors = new LiveProcessors(SharedKafka.bootstrapServers(), dir, "hostile")) {
            ChatHooksRuntime runtime = processors.start("a", new ObservedHook("observed", log));
            ChatLoad load = ChatLoad.generate("good", CONVERSATIONS, GOOD_EVENTS, 31);
            List<String> conversations = new ArrayList<>();
            for (int c = 0; c < CONVERSATIONS; c++) {
                conversations.add("good-" + c);
            }
            long time = System.currentTimeMillis();
            List<ProducerRecord<byte[], byte[]>> good = load.records(processors.keys(), 0, load.size(), time);
            Set<String> goodIds = new HashSet<>();
            load.events().forEach(event -> goodIds.add(event.eventId()));
            Random random = new Random(32);
            for (ObjectNode odd : oddButValid(conversations, random)) {
                goodIds.add(odd.path("id").asText());
                good.add(new ProducerRecord<>(
                        processors.topic("messages"),
                        null,
                        time + GOOD_EVENTS,
                        TestRecords.bytes(odd.path("subject").asText()),
                        ChatEvents.bytes(odd)));
            }
            List<HostileRecords.Hostile> hostile = new HostileRecords(conversations, 33).generate(HOSTILE);

            // Good records keep their order (creations first); hostile ones go anywhere after the creations.
            List<Entry> entries = new ArrayList<>();
            good.forEach(record -> entries.add(new Entry(record, null)));
            for (HostileRecords.Hostile bad : hostile) {
                int at = CONVERSATIONS + random.nextInt(entries.size() - CONVERSATIONS + 1);
                entries.add(
                        at,
                        new Entry(
                                new ProducerRecord<>(
                                        processors.topic(bad.topic()),
                                        null,
                                        time + GOOD_EVENTS,
                                        bad.key(),
                                        bad.value()),
                                bad));
            }
            // The creations first, acknowledged, then the rest (see ChatLoad.chunks).
            List<RecordMetadata> written = new ArrayList<>(TestRecords.produce(
                    processors.bootstrapServers(),
                    entries.subList(0, CONVERSATIONS).stream()
                            .map(Entry::record)
                            .toList()));
            written.addAll(TestRecords.produce(
                    processors.bootstrapServers(),
                    entries.subList(CONVERSATIONS, entries.size()).stream()
                            .map(Entry::record)
                            .toList()));
            Map<String, HostileRecords.Hostile> expectedBySource = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).bad() != null) {
                    RecordMetadata metadata = written.get(i);
                    expectedBySource.put(
                            metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset(),
                            entries.get(i).bad());
                }
            }

            Await.until(
                    "every good event reached the hook",
                    Duration.ofSeconds(180),
                    () -> log.eventIds("observed").containsAll(goodIds),
                    () -> log.count("observed") + " calls");
            TestRecords.readAll(
                    processors.bootstrapServers(), processors.topic("dlq"), HOSTILE, Duration.ofSeconds(120));
            // All there: read once more, briefly, for any dead letter beyond one per hostile record.
            List<ConsumerRecord<byte[], byte[]>> letters = TestRecords.readAll(
                    processors.bootstrapServers(), processors.topic("dlq"), HOSTILE + 1, Duration.ofSeconds(3));

            Map<String, Integer> byCode = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                String source = DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC) + "/"
                        + DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_PARTITION) + "/"
                        + DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET);
                String code = DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON_CODE);
                String reason = DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON);
                byCode.merge(code, 1, Integer::sum);
                HostileRecords.Hostile bad = expectedBySource.get(source);
                if (bad == null) {
                    wrong.add("a dead letter from " + source + " (" + reason + ") is not of a hostile record");
                } else if (!bad.code().equals(code)) {
                    wrong.add(bad.kind() + " from " + source + " has reason '" + reason + "', not " + bad.code());
                }
                if (reason == null || !reason.startsWith(code + ": ") || reason.contains(HostileRecords.MARKER)) {
                    wrong.add("reason '" + reason + "' does not start with its code or quotes the record's content");
                }
                if (!seen.add(source)) {
                    wrong.add("two dead letters of " + source);
                }
            }
            Map<String, Integer> byKind = new TreeMap<>();
            hostile.forEach(bad -> byKind.merge(bad.kind(), 1, Integer::sum));
            figures.put("hostile records", hostile.size())
                    .put("kinds", byKind.size())
                    .put("good events", goodIds.size())
                    .put("dead letters", letters.size())
                    .put("dead letters by reason", byCode)
                    .put("good events called", log.eventIds("observed").size())
                    .put("calls of hostile records", log.count("observed", call -> !goodIds.contains(call.eventId())))
                    .put("topology", runtime.topologyState())
                    .put("time", figures.elapsed())
                    .report();

            assertThat(wrong).as("dead letters that are wrong").isEmpty();
            assertThat(letters)
                    .as("one dead letter per hostile record, no more")
                    .hasSize(HOSTILE);
            assertThat(log.eventIds("observed"))
                    .as("only good events reach the hook")
                    .isEqualTo(goodIds);
            assertThat(runtime.topologyState()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(runtime.consumerRestarts()).containsEntry("observed", 0);
        }
    }

    /** A record to produce, and what is wrong with it (null for a good one). */
    private record Entry(ProducerRecord<byte[], byte[]> record, HostileRecords.Hostile bad) {}

    /** Messages that are valid however odd: a 200 KB body, nesting 50 deep, exotic text, unknown attributes. */
    private static List<ObjectNode> oddButValid(List<String> conversations, Random random) {
        List<ObjectNode> odd = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String conversation = conversations.get(random.nextInt(conversations.size()));
            ObjectNode large = ChatEvents.sent(conversation, "odd-large-" + i, "u-1", "y".repeat(200 * 1024));
            ObjectNode nested = ChatEvents.sent(conversation, "odd-nested-" + i, "u-1", "deep");
            ObjectNode level = ((ObjectNode) nested.get("data").get("message")).putObject("metadata");
            for (int d = 0; d < 50; d++) {
                level = level.putObject("a");
            }
            ObjectNode exotic = ChatEvents.sent(
                    conversation,
                    "odd-text-" + i,
                    "u-1",
                    "\u00e9t\u00e9 \ud83d\ude00 \u202e\u0000 \"quoted\" \\ \u4f60\u597d");
            exotic.put("x-unknown-extension", "kept");
            exotic.set("x-object-extension", Json.object().put("n", i));
            odd.add(large);
            odd.add(nested);
            odd.add(exotic);
        }
        return odd;
    }
}
