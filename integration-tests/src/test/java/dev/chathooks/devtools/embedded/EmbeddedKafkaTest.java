package dev.chathooks.devtools.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.processor.kafka.TopicSetup;
import dev.chathooks.processor.kafka.TopicSpec;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@KafkaIntegrationTest
class EmbeddedKafkaTest {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaTest.class);
    private static final String TOPIC = "greetings";

    @TempDir
    Path dataDirectory;

    @Test
    void servesProduceAndConsumeOnTheAddressItReports() throws Exception {
        try (EmbeddedKafka kafka =
                EmbeddedKafka.builder(dataDirectory).port(0).build().start()) {
            LOG.info(
                    "First start (formats the directory) took {} ms",
                    kafka.startDuration().toMillis());
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + kafka.port());

            createTopic(kafka.bootstrapServers());
            produce(kafka.bootstrapServers(), List.of("hello", "world"));

            assertThat(readAll(kafka.bootstrapServers(), "reader", 2)).containsExactly("hello", "world");
        }
    }

    @Test
    void keepsTopicsRecordsOffsetsAndClusterIdAcrossARestartOnTheSameDirectory() throws Exception {
        String clusterId;
        try (EmbeddedKafka kafka =
                EmbeddedKafka.builder(dataDirectory).port(0).build().start()) {
            clusterId = kafka.clusterId();
            createTopic(kafka.bootstrapServers());
            produce(kafka.bootstrapServers(), List.of("before", "restart"));
            assertThat(readAll(kafka.bootstrapServers(), "committer", 1)).containsExactly("before");
        }

        try (EmbeddedKafka kafka =
                EmbeddedKafka.builder(dataDirectory).port(0).build().start()) {
            LOG.info(
                    "Restart on a formatted directory took {} ms",
                    kafka.startDuration().toMillis());
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(readAll(kafka.bootstrapServers(), "fresh-reader", 2)).containsExactly("before", "restart");
            // The group committed after its first record, so it resumes at the second.
            assertThat(readAll(kafka.bootstrapServers(), "committer", 1)).containsExactly("restart");
        }
    }

    @Test
    void refusesADataDirectoryThatAnotherBrokerUses() {
        try (EmbeddedKafka first =
                EmbeddedKafka.builder(dataDirectory).port(0).build().start()) {
            EmbeddedKafka second = EmbeddedKafka.builder(dataDirectory).port(0).build();

            assertThatThrownBy(second::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining(dataDirectory.toString())
                    .hasMessageContaining("in use by another embedded broker");
            assertThat(first.clusterId()).isNotBlank();
        }
    }

    @Test
    void refusesAPortThatIsTakenWithAMessageNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafka kafka = EmbeddedKafka.builder(dataDirectory)
                    .port(taken.getLocalPort())
                    .build();

            assertThatThrownBy(kafka::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
        // The failed start released the directory: a broker can use it now.
        try (EmbeddedKafka kafka =
                EmbeddedKafka.builder(dataDirectory).port(0).build().start()) {
            assertThat(kafka.clusterId()).isNotBlank();
        }
    }

    @Test
    void rejectsBrokerPropertiesThatWouldBreakTheSingleLocalNode() {
        EmbeddedKafka.Builder builder =
                EmbeddedKafka.builder(dataDirectory).brokerProperty("listeners", "PLAINTEXT://:9093");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(
                        () -> EmbeddedKafka.builder(dataDirectory).port(70_000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }

    @Test
    void passesExtraBrokerPropertiesToTheBroker() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(dataDirectory)
                        .port(0)
                        .brokerProperty("num.partitions", "3")
                        .build()
                        .start();
                Admin admin = admin(kafka.bootstrapServers())) {
            admin.createTopics(
                            List.of(new NewTopic("defaults", java.util.Optional.empty(), java.util.Optional.empty())))
                    .all()
                    .get();

            assertThat(admin.describeTopics(Set.of("defaults"))
                            .allTopicNames()
                            .get()
                            .get("defaults")
                            .partitions())
                    .hasSize(3);
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static void createTopic(String bootstrapServers) {
        try (Admin admin = admin(bootstrapServers)) {
            new TopicSetup(admin, Duration.ofSeconds(30)).ensureTopics(List.of(TopicSpec.of(TOPIC, 1)));
        }
    }

    private static void produce(String bootstrapServers, List<String> values) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(TOPIC, "k", value)).get();
            }
        }
    }

    /** Reads {@code count} values as group {@code groupId} from its committed position, and commits after them. */
    private static List<String> readAll(String bootstrapServers, String groupId, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                1,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                    consumer.commitSync(Map.of(
                            new TopicPartition(TOPIC, record.partition()), new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        }
        return values;
    }
}
