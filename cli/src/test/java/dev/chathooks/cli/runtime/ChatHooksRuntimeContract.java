package dev.chathooks.cli.runtime;

import static dev.chathooks.testsupport.fixtures.ChatEvents.bytes;
import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.api.HookKind;
import dev.chathooks.cli.ChatHooksCommand;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.deadletter.DeadLetterHeaders;
import dev.chathooks.processor.json.Json;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.plugins.PluginLoader;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaCluster;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat Hooks live on a real broker: the event contract end to end, scaling out, and hook isolation. */
abstract class ChatHooksRuntimeContract implements KafkaCluster {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final List<ChatHooksRuntime> runtimes = new ArrayList<>();
    private String prefix;
    private Map<String, String> keys;

    @BeforeEach
    void uniqueNames() {
        prefix = TestTopics.uniqueName("rt");
        keys = new HashMap<>();
        keys.put("bootstrap.servers", bootstrapServers());
        keys.put("application.id", prefix);
        for (String topic : List.of("conversations", "messages", "typing", "users", "devices", "dlq")) {
            keys.put("topics." + topic, prefix + "." + topic);
        }
        keys.put("topics.partitions", "4");
        keys.put("commit.interval.ms", "100");
    }

    @AfterEach
    void stopAll() {
        runtimes.forEach(ChatHooksRuntime::close);
    }

    private ChatHooksConfig config() {
        return ChatHooksConfig.of(keys);
    }

    private ChatHooksRuntime start(String instance, List<LoadedHook> hooks, Path output) {
        ChatHooksRuntime runtime = ChatHooksRuntime.start(
                new ChatHooksRuntime.Options(config(), hooks, dir.resolve(instance), output, message -> {}, null));
        runtimes.add(runtime);
        return runtime;
    }

    private void produce(List<ObjectNode> events) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        long time = System.currentTimeMillis();
        for (ObjectNode event : events) {
            String type = event.path("type").asText();
            String topic = type.startsWith("chat.message.") ? "messages" : "conversations";
            records.add(new ProducerRecord<>(
                    keys.get("topics." + topic),
                    null,
                    time++,
                    TestRecords.bytes(event.path("subject").asText()),
                    bytes(event)));
        }
        TestRecords.produce(bootstrapServers(), records);
    }

    @Test
    void theWholeEventContractRunsEndToEndThroughLoadRunAndTheLoggingHook() throws IOException {
        Path dump = dir.resolve("dump.jsonl");
        Files.writeString(
                dump,
                Files.readString(REPO.resolve("examples/dumps/all-nine-kinds.jsonl"))
                        .replace("\"topic\":\"chat.", "\"topic\":\"" + prefix + "."));
        Path output = dir.resolve("invocations.jsonl");
        List<LoadedHook> hooks = new PluginLoader(getClass().getClassLoader())
                .load(List.of(REPO.resolve("examples/logging-hook/target/plugin")));
        // The dump's last messages come after the conversation's deletion, on another topic: in the three-topic
        // layout only a join grace makes a message wait for a conversation event stamped before it and read after
        // it (docs/events.md). Without one, a message fetched before the deletion was joined and called, and the
        // 13 calls this test counts came without the deletion's.
        keys.put("join.grace", "2s");
        start("a", hooks, output);

        StringWriter err = new StringWriter();
        List<String> load = new ArrayList<>(
                List.of("load", "--input", dump.toString(), "--retime", "--bootstrap-servers", bootstrapServers()));
        keys.forEach((key, value) -> {
            if (key.startsWith("topics.")) {
                load.addAll(List.of("--set", key + "=" + value));
            }
        });
        int exit = ChatHooksCommand.execute(
                new PrintWriter(new StringWriter()), new PrintWriter(err, true), load.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();

        Await.until("the logging hook finished 13 calls", () -> lineCount(output) >= 13);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            lines.add(Json.mapper().readTree(line));
        }
        assertThat(lines)
                .hasSize(13)
                .allSatisfy(line -> assertThat(line.path("hook").asText()).isEqualTo("logging"));
        assertThat(lines)
                .extracting(line -> line.path("kind").asText())
                .containsAll(
                        Arrays.stream(HookKind.values()).map(HookKind::seedName).toList());
        JsonNode firstMessage = lines.stream()
                .filter(l -> l.path("event_id").asText().equals("e-7"))
                .findFirst()
                .orElseThrow();
        assertThat(firstMessage.path("participants").get(0).path("username").asText())
                .isEqualTo("alice");

        List<ConsumerRecord<byte[], byte[]>> deadLetters =
                TestRecords.readAll(bootstrapServers(), keys.get("topics.dlq"), 6, Duration.ofSeconds(60));
        assertThat(deadLetters)
                .extracting(letter -> DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON_CODE))
                .containsExactlyInAnyOrder(
                        "malformed-json",
                        "unknown-type",
                        "missing-field",
                        "key-mismatch",
                        "unknown-conversation",
                        "too-large");
    }

    private static long lineCount(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void twoInstancesShareTheWorkAndOneTakesOverWhenTheOtherStops() {
        Queue<String> callsOfA = new ConcurrentLinkedQueue<>();
        Queue<String> callsOfB = new ConcurrentLinkedQueue<>();
        ChatHooksRuntime a =
                start("a", List.of(LoadedHook.of(new RecordingHook("recording", callsOfA, Duration.ZERO))), null);
        ChatHooksRuntime b =
                start("b", List.of(LoadedHook.of(new RecordingHook("recording", callsOfB, Duration.ZERO))), null);
        Await.until(
                "the hook's partitions are shared by both instances",
                () -> !a.consumerStats().get("recording").assigned().isEmpty()
                        && !b.consumerStats().get("recording").assigned().isEmpty());

        List<ObjectNode> firstHalf = new ArrayList<>();
        List<ObjectNode> secondHalf = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int c = 0; c < 16; c++) {
            firstHalf.add(created("c-" + c, List.of("u-1", "u-2"), List.of()));
        }
        for (int m = 0; m < 320; m++) {
            ObjectNode message = sent("c-" + (m % 16), "m-" + m, "u-1", "hello " + m);
            expected.add(message.path("id").asText());
            (m < 160 ? firstHalf : secondHalf).add(message);
        }
        produce(firstHalf);
        Await.until("the first half's calls were made", () -> callsOfA.size() + callsOfB.size() >= 160);
        assertThat(callsOfA).as("instance a made calls").isNotEmpty();
        assertThat(callsOfB).as("instance b made calls").isNotEmpty();
        int callsOfBBefore = callsOfB.size();

        a.close();
        produce(secondHalf);

        Await.until("every message's hook call was made at least once", () -> {
            Set<String> made = new HashSet<>(callsOfA);
            made.addAll(callsOfB);
            return made.containsAll(expected);
        });
        assertThat(callsOfB.size() - callsOfBBefore)
                .as("instance b made the second half's calls alone")
                .isGreaterThanOrEqualTo(160);
    }

    @Test
    void aHookThatSleepsTwoSecondsPerCallDoesNotSlowAnotherHook() throws Exception {
        RecordingHook slow = new RecordingHook("slow", new ConcurrentLinkedQueue<>(), Duration.ofSeconds(2));
        RecordingHook fast = new RecordingHook("fast");
        start("a", List.of(LoadedHook.of(slow), LoadedHook.of(fast)), null);

        List<ObjectNode> events = new ArrayList<>();
        events.add(created("c-1", List.of("u-1", "u-2"), List.of()));
        for (int m = 0; m < 20; m++) {
            events.add(sent("c-1", "m-" + m, "u-1", "hello " + m)); // one conversation: the slow hook goes one by one
        }
        produce(events);

        Await.until("the fast hook made all 20 calls", () -> fast.calls().size() == 20);
        assertThat(slow.calls().size()).as("the slow hook is still far behind").isLessThan(20);
        assertThat(jmxCalls("fast"))
                .as("the fast hook's calls published over JMX")
                .isEqualTo(20L);
    }

    private long jmxCalls(String hook) throws Exception {
        javax.management.ObjectName name = new javax.management.ObjectName("dev.chathooks:type=hook,application="
                + javax.management.ObjectName.quote(prefix) + ",name=" + javax.management.ObjectName.quote(hook));
        return (Long)
                java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Calls");
    }
}
