package dev.chathooks.cli.runtime;

import static dev.chathooks.testsupport.fixtures.ChatEvents.bytes;
import static dev.chathooks.testsupport.fixtures.ChatEvents.created;
import static dev.chathooks.testsupport.fixtures.ChatEvents.sent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.dispatch.HookGroups;
import dev.chathooks.processor.plugins.LoadedHook;
import dev.chathooks.processor.runtime.ChatHooksRuntime;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of one hook, each with its own configuration and consumer group, on a real broker. */
@KafkaIntegrationTest
class HookInstancesEmbeddedTest {
    @TempDir
    Path dir;

    @Test
    void twoInstancesOfOneHookWithTheirOwnConfigurationEachGetEveryCallInTheirOwnGroup() throws Exception {
        String prefix = TestTopics.uniqueName("inst");
        Map<String, String> keys = new HashMap<>();
        keys.put("bootstrap.servers", SharedKafka.bootstrapServers());
        keys.put("application.id", prefix);
        for (String topic : List.of("conversations", "messages", "typing", "users", "devices", "dlq")) {
            keys.put("topics." + topic, prefix + "." + topic);
        }
        keys.put("topics.partitions", "2");
        keys.put("instances.tagging-b", "tagging");
        keys.put("hook.tagging.tag", "a");
        keys.put("hook.tagging-b.tag", "b");
        keys.put("dispatch.hook.tagging-b.max-in-flight", "8");
        ChatHooksConfig config = ChatHooksConfig.of(keys);

        try (ChatHooksRuntime runtime = ChatHooksRuntime.start(new ChatHooksRuntime.Options(
                config, List.of(LoadedHook.of(new TaggingHook())), dir, null, message -> {}, null))) {
            assertThat(runtime.stats()).containsOnlyKeys("tagging", "tagging-b");
            List<ObjectNode> events = new ArrayList<>();
            events.add(created("c-1", List.of("u-1", "u-2"), List.of()));
            events.add(created("c-2", List.of("u-1", "u-3"), List.of()));
            Set<String> expected = new TreeSet<>();
            for (int m = 0; m < 40; m++) {
                ObjectNode message = sent("c-" + (1 + m % 2), "m-" + m, "u-1", "hello " + m);
                expected.add(message.path("id").asText());
                events.add(message);
            }
            produce(keys, events);

            Await.until(
                    "both instances made every call",
                    () -> TaggingHook.callsOf("tagging").size() >= 40
                            && TaggingHook.callsOf("tagging-b").size() >= 40);
            assertThat(new TreeSet<>(TaggingHook.callsOf("tagging"))).isEqualTo(tagged("a", expected));
            assertThat(new TreeSet<>(TaggingHook.callsOf("tagging-b"))).isEqualTo(tagged("b", expected));

            try (Admin admin = TestTopics.admin(SharedKafka.bootstrapServers())) {
                for (String hook : List.of("tagging", "tagging-b")) {
                    String group = HookGroups.of(config, hook);
                    Await.until("group " + group + " committed its progress", () -> committed(admin, group) >= 42);
                }
            }
        }
    }

    private static Set<String> tagged(String tag, Set<String> ids) {
        Set<String> tagged = new TreeSet<>();
        ids.forEach(id -> tagged.add(tag + " " + id));
        return tagged;
    }

    /** The group's committed offsets on the invocations topic, summed over its partitions. */
    private static long committed(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                    .filter(offset -> offset != null)
                    .mapToLong(offset -> offset.offset())
                    .sum();
        } catch (ExecutionException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void produce(Map<String, String> keys, List<ObjectNode> events) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        long time = System.currentTimeMillis();
        for (ObjectNode event : events) {
            String topic = event.path("type").asText().startsWith("chat.message.") ? "messages" : "conversations";
            records.add(new ProducerRecord<>(
                    keys.get("topics." + topic),
                    null,
                    time++,
                    TestRecords.bytes(event.path("subject").asText()),
                    bytes(event)));
        }
        TestRecords.produce(SharedKafka.bootstrapServers(), records);
    }
}
