package dev.chathooks.devtools.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's log cleaner keeps a 16 MB dedupe buffer instead of Kafka's 128 MB (it lives on the heap of
 * the process the broker is embedded in), and still compacts: a compacted topic keeps only each key's latest value.
 */
@KafkaIntegrationTest
class EmbeddedKafkaCompactionTest {
    private static final String TOPIC = "latest-by-key";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dataDirectory;

    @Test
    void compactsWithItsSmallDedupeBuffer() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(dataDirectory)
                        .port(0)
                        .brokerProperty("log.cleaner.backoff.ms", "100") // look for work often: the test waits on it
                        .build()
                        .start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            ConfigResource broker =
                    new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(BrokerProperties.NODE_ID));
            Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
            assertThat(config.get("log.cleaner.dedupe.buffer.size").value()).isEqualTo("16777216");
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)
                            .configs(Map.of(
                                    "cleanup.policy", "compact",
                                    "segment.ms", "100",
                                    "min.cleanable.dirty.ratio", "0.01"))))
                    .all()
                    .get();
            for (String keyAndValue : List.of("a=1", "b=1", "a=2", "b=2", "a=3")) {
                String[] parts = keyAndValue.split("=");
                producer.send(new ProducerRecord<>(TOPIC, parts[0], parts[1])).get();
            }

            // Only closed segments are cleaned: keep writing another key so that the one above rolls.
            List<String> read = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int roll = 0; System.nanoTime() < deadline; roll++) {
                Thread.sleep(200);
                producer.send(new ProducerRecord<>(TOPIC, "roll", Integer.toString(roll)))
                        .get();
                read = readAll(kafka.bootstrapServers()).stream()
                        .filter(entry -> !entry.startsWith("roll="))
                        .toList();
                if (read.size() == 2) {
                    break;
                }
            }
            assertThat(read).containsExactly("b=2", "a=3");
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** The partition's records from its start to its end, as {@code key=value}. */
    private static List<String> readAll(String bootstrapServers) {
        List<String> entries = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
            while (consumer.position(PARTITION) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    entries.add(record.key() + "=" + record.value());
                }
            }
        }
        return entries;
    }
}
