package dev.chathooks.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.testsupport.KafkaCluster;
import dev.chathooks.testsupport.TestRecords;
import dev.chathooks.testsupport.TestTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

        Set<String> created = new TopicSetup(admin, TIMEOUT)
                .ensureTopics(List.of(TopicSpec.of(users, 3).compacted(), TopicSpec.of(messages, 2)));

        assertThat(created).containsExactlyInAnyOrder(users, messages);
        assertThat(describe(users).partitions()).hasSize(3);
        assertThat(describe(messages).partitions()).hasSize(2);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, users);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    void returnsOnlyWhenEveryPartitionIsServedSoThatNoRecordProducedAtOnceIsLost() {
        // KAFKA-15591: a burst produced at once to a new topic whose leaders do not serve it yet loses records.
        // Without the wait, most rounds of this test lose some.
        for (int round = 0; round < 3; round++) {
            String topic = TestTopics.uniqueName("fresh");
            int count = 3000;

            new TopicSetup(admin, TIMEOUT).ensureTopics(List.of(TopicSpec.of(topic, 6)));

            assertThat(describe(topic).partitions())
                    .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
            assertThat(produceBurst(topic, count))
                    .as("records the producer failed to deliver")
                    .isZero();
            assertThat(TestRecords.readAll(bootstrapServers(), topic, count, TIMEOUT))
                    .hasSize(count);
        }
    }

    /** Sends {@code count} records at once, several requests in flight, and returns how many failed. */
    private int produceBurst(String topic, int count) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                5_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
        AtomicInteger failed = new AtomicInteger();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < count; i++) {
                producer.send(
                        new ProducerRecord<>(topic, TestRecords.bytes("c-" + i), new byte[300]), (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        return failed.get();
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
    void namesATopicThatNeverGetsReady() throws Exception {
        String missing = TestTopics.uniqueName("never-created");
        // The admin client connects and learns the cluster on its first request: on a loaded machine that alone took
        // the whole wait once, and the answer was then, rightly, that Kafka did not answer in time.
        admin.listTopics().names().get(30, TimeUnit.SECONDS);

        assertThatThrownBy(() -> new TopicSetup(admin, Duration.ofSeconds(5)).awaitLeaders(List.of(missing)))
                .isInstanceOf(TopicSetupException.class)
                .hasMessageContaining(missing + " (does not exist)");
    }

    @Test
    void anAskThatRunsOutOfTimeStillNamesWhatWasSeenBefore() throws Exception {
        String missing = TestTopics.uniqueName("never-created-either");
        AtomicInteger asks = new AtomicInteger();
        try (Admin runningOut =
                new ForwardingAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers())) {
                    @Override
                    public ListTopicsResult listTopics(ListTopicsOptions options) {
                        // This test's own first ask and the set-up's first are answered; every later one runs out of
                        // time
                        // at once, as the last ask of a wait does when the admin client's clock ends it first.
                        return super.listTopics(asks.getAndIncrement() < 2 ? options : options.timeoutMs(1));
                    }
                }) {
            runningOut.listTopics().names().get(30, TimeUnit.SECONDS); // connects, as in the test above

            assertThatThrownBy(() -> new TopicSetup(runningOut, Duration.ofSeconds(30)).awaitLeaders(List.of(missing)))
                    .isInstanceOf(TopicSetupException.class)
                    .hasMessageContaining(missing + " (does not exist)");
        }
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
                .isInstanceOfSatisfying(
                        CoPartitioningException.class,
                        e -> assertThat(e.partitionCounts())
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

        assertThatThrownBy(
                        () -> CoPartitioningCheck.requireCoPartitioned(admin, List.of(conversations, typing), TIMEOUT))
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
