package dev.chathooks.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chathooks.testing.KafkaCluster;
import dev.chathooks.testing.TestRecords;
import dev.chathooks.testing.TestTopics;

/** The behaviour of {@link TopicSetup} and {@link CoPartitioningCheck} on a real broker. */
abstract class TopicSetupContract implements KafkaCluster {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Admin admin;

    @BeforeEach
    void openAdmin() {
        admin = TestTopics.admin(bootstrapServers());
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    @Test
    void createsMissingTopicsWithTheirPartitionCountsAndConfigs() throws Exception {
        String users = TestTopics.uniqueName("users");
        String messages = TestTopics.uniqueName("messages");

        Set<String> created = new TopicSetup(admin, TIMEOUT).ensureTopics(List.of(
                TopicSpec.of(users, 3).compacted(), TopicSpec.of(messages, 2)));

        assertThat(created).containsExactlyInAnyOrder(users, messages);
        assertThat(describe(users).partitions()).hasSize(3);
        assertThat(describe(messages).partitions()).hasSize(2);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, users);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    void returnsOnlyWhenEveryPartitionHasALeaderSoThatNoRecordProducedAtOnceIsLost() {
        String topic = TestTopics.uniqueName("fresh");

        new TopicSetup(admin, TIMEOUT).ensureTopics(List.of(TopicSpec.of(topic, 6)));

        assertThat(describe(topic).partitions()).allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int partition = 0; partition < 6; partition++) {
            records.add(new ProducerRecord<>(topic, partition, null, TestRecords.bytes("p" + partition)));
        }
        TestRecords.produce(bootstrapServers(), records);
        assertThat(TestRecords.values(TestRecords.readAll(bootstrapServers(), topic, 6, TIMEOUT)))
                .containsExactly("p0", "p1", "p2", "p3", "p4", "p5");
    }

    @Test
    void leavesAnExistingTopicAsItIs() {
        String topic = TestTopics.createUnique(bootstrapServers(), "existing", 2);

        Set<String> created = new TopicSetup(admin, TIMEOUT).ensureTopics(List.of(TopicSpec.of(topic, 4)));

        assertThat(created).isEmpty();
        assertThat(describe(topic).partitions()).hasSize(2);
    }

    @Test
    void explainsWhyATopicCannotBeCreated() {
        String topic = TestTopics.uniqueName("over-replicated");
        TopicSpec spec = TopicSpec.of(topic, 1).withReplicationFactor((short) 3);

        assertThatThrownBy(() -> new TopicSetup(admin, TIMEOUT).ensureTopics(List.of(spec)))
                .isInstanceOf(TopicSetupException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("fewer brokers than its replication factor (3)");
    }

    @Test
    void namesATopicThatNeverGetsReady() {
        String missing = TestTopics.uniqueName("never-created");

        assertThatThrownBy(() -> new TopicSetup(admin, Duration.ofSeconds(3)).awaitLeaders(List.of(missing)))
                .isInstanceOf(TopicSetupException.class)
                .hasMessageContaining(missing + " (does not exist)");
    }

    @Test
    void acceptsCoPartitionedTopicsAndReturnsTheirPartitionCount() {
        String conversations = TestTopics.createUnique(bootstrapServers(), "conversations", 3);
        String messages = TestTopics.createUnique(bootstrapServers(), "messages", 3);

        int partitions = CoPartitioningCheck.requireCoPartitioned(admin, List.of(conversations, messages), TIMEOUT);

        assertThat(partitions).isEqualTo(3);
    }

    @Test
    void refusesTopicsWithDifferentPartitionCountsNamingEachWithItsCount() {
        String conversations = TestTopics.createUnique(bootstrapServers(), "conversations", 3);
        String messages = TestTopics.createUnique(bootstrapServers(), "messages", 2);
        String typing = TestTopics.createUnique(bootstrapServers(), "typing", 3);

        assertThatThrownBy(() -> CoPartitioningCheck.requireCoPartitioned(
                admin, List.of(conversations, messages, typing), TIMEOUT))
                .isInstanceOfSatisfying(CoPartitioningException.class, e -> assertThat(e.partitionCounts())
                        .containsEntry(messages, OptionalInt.of(2))
                        .containsEntry(conversations, OptionalInt.of(3)))
                .hasMessageContaining(conversations + " has 3 partitions")
                .hasMessageContaining(messages + " has 2 partitions")
                .hasMessageContaining(typing + " has 3 partitions")
                .hasMessageContaining("Give " + messages + " 3 partitions");
    }

    @Test
    void refusesAMissingTopicNamingIt() {
        String conversations = TestTopics.createUnique(bootstrapServers(), "conversations", 2);
        String typing = TestTopics.uniqueName("typing");

        assertThatThrownBy(() -> CoPartitioningCheck.requireCoPartitioned(
                admin, List.of(conversations, typing), TIMEOUT))
                .isInstanceOf(CoPartitioningException.class)
                .hasMessageContaining(typing + " does not exist")
                .hasMessageContaining("Create " + typing + " with 2 partitions");
    }

    private TopicDescription describe(String topic) {
        try {
            return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
        } catch (Exception e) {
            throw new AssertionError("Cannot describe " + topic, e);
        }
    }
}
