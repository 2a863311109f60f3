package dev.chathooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chathooks.processor.json.Json;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code chat-hooks simulate}: the demo's chat server against a cluster given by its address. */
@KafkaIntegrationTest
class SimulateCommandTest {
    private static final Pattern TOTAL = Pattern.compile("Produced (\\d+) records in all");

    @ParameterizedTest(name = "one topic: {0}")
    @ValueSource(booleans = {false, true})
    void itCreatesTheInputTopicsAndWritesKeyedEventsOfEveryKindItPrints(boolean oneTopic) throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String prefix = TestTopics.uniqueName("simulate");
        Map<String, String> topics = oneTopic
                ? Map.of(
                        "conversations",
                        prefix + ".events",
                        "messages",
                        prefix + ".events",
                        "typing",
                        prefix + ".events",
                        "users",
                        prefix + ".users",
                        "devices",
                        prefix + ".devices")
                : Map.of(
                        "conversations",
                        prefix + ".conversations",
                        "messages",
                        prefix + ".messages",
                        "typing",
                        prefix + ".typing",
                        "users",
                        prefix + ".users",
                        "devices",
                        prefix + ".devices");
        Set<String> topicNames = new HashSet<>(topics.values());
        List<String> args = new ArrayList<>(List.of(
                "simulate",
                "--bootstrap-servers",
                bootstrap,
                "--rate",
                "500",
                "--events",
                "400",
                "--users",
                "12",
                "--conversations",
                "5",
                "--seed",
                "7",
                "--set",
                "topics.partitions=3"));
        topics.forEach((name, topic) -> args.addAll(List.of("--set", "topics." + name + "=" + topic)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = ChatHooksCommand.execute(
                new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));

        assertThat(exit).as(err.toString()).isZero();
        Matcher total = TOTAL.matcher(out.toString());
        assertThat(total.find()).as(out.toString()).isTrue();
        try (Admin admin = TestTopics.admin(bootstrap)) {
            Map<String, TopicDescription> described =
                    admin.describeTopics(topicNames).allTopicNames().get();
            assertThat(described.values())
                    .allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
        }
        List<ConsumerRecord<byte[], byte[]>> records = readAll(bootstrap, topicNames);
        assertThat(records).hasSize(Integer.parseInt(total.group(1)));
        Set<String> types = new HashSet<>();
        Map<String, Integer> byTopic = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byTopic.merge(record.topic(), 1, Integer::sum);
            JsonNode value = Json.mapper().readTree(record.value());
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (value.has("type")) {
                types.add(value.get("type").textValue());
                assertThat(value.get("subject").textValue()).isEqualTo(key);
            }
        }
        assertThat(records.size() - byTopic.get(topics.get("users")) - byTopic.get(topics.get("devices")))
                .as("chat events")
                .isEqualTo(400);
        assertThat(byTopic.keySet())
                .as("every chat event on its layout's topics")
                .isEqualTo(topicNames);
        assertThat(byTopic.get(topics.get("users"))).isEqualTo(12);
        assertThat(byTopic.get(topics.get("devices"))).isEqualTo(12);
        assertThat(types)
                .contains(
                        "chat.conversation.created",
                        "chat.message.sent",
                        "chat.typing",
                        "chat.participants.added",
                        "chat.conversation.deleted");
        assertThat(out.toString()).contains("chat.message.sent=");
    }

    @Test
    void aRateOutOfRangeIsAUserErrorNamingTheFlag() {
        StringWriter err = new StringWriter();

        int exit = ChatHooksCommand.execute(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "simulate",
                "--bootstrap-servers",
                SharedKafka.bootstrapServers(),
                "--rate",
                "0");

        assertThat(exit).isEqualTo(ChatHooksCommand.USER_ERROR);
        assertThat(err.toString()).contains("--rate 0 must be from 1 to 10000");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, Iterable<String> topics)
            throws IOException {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
