package dev.chathooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The latency floor's two bare hops, on the shared broker: every event announced is timed once, at the sink. */
@KafkaIntegrationTest
class LatencyFloorTest {
    private static final int PARTITIONS = 3;

    @Test
    void timesEveryAnnouncedEventThroughBothHopsAndOnlyThose() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String messages = TestTopics.createUnique(servers, "floor-messages", PARTITIONS);
        String typing = TestTopics.createUnique(servers, "floor-typing", PARTITIONS);
        String relay = TestTopics.createUnique(servers, "floor-relay", PARTITIONS);
        try (KafkaProducer<byte[], byte[]> chatServer = producer(servers)) {
            send(chatServer, messages, "before-the-floor"); // sent before: not read, so never waited for
            chatServer.flush();

            try (LatencyFloor floor =
                    new LatencyFloor(servers, streamsProperties(), List.of(messages, typing), relay, PARTITIONS)) {
                for (int i = 0; i < 100; i++) {
                    String id = "event-" + i;
                    if (i % 10 != 0) {
                        floor.probe().sending(id); // every tenth is sent unannounced, as warm-up events are
                    }
                    send(chatServer, i % 2 == 0 ? messages : typing, id);
                }
                chatServer.flush();

                Histogram times = floor.await(Duration.ofSeconds(60));

                assertThat(times.getTotalCount()).isEqualTo(90);
                assertThat(floor.probe().waiting()).isZero();
                assertThat(times.getMaxValue())
                        .as("microseconds, each under the wait")
                        .isLessThan(60_000_000);
            }
        }
    }

    @Test
    void anEventThatNeverArrivesIsAFailureNotAFigure() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String messages = TestTopics.createUnique(servers, "floor-lost", PARTITIONS);
        String relay = TestTopics.createUnique(servers, "floor-lost-relay", PARTITIONS);
        try (LatencyFloor floor =
                new LatencyFloor(servers, streamsProperties(), List.of(messages), relay, PARTITIONS)) {
            floor.probe().sending("never-sent");

            assertThatThrownBy(() -> floor.await(Duration.ofMillis(500)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("1 of the events announced did not pass the two bare hops");
        }
    }

    @Test
    void aRecordTheRelayCannotWriteFailsTheRunWithItsCause() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String messages = TestTopics.createUnique(servers, "floor-unwritable", PARTITIONS);
        String relay = TestTopics.createUnique(servers, "floor-unwritable-relay", PARTITIONS);
        Properties properties = streamsProperties();
        // The relay's producer refuses every record as too large: its writes fail, as a broker's refusal would.
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), "10");
        try (KafkaProducer<byte[], byte[]> chatServer = producer(servers);
                LatencyFloor floor = new LatencyFloor(servers, properties, List.of(messages), relay, PARTITIONS)) {
            floor.probe().sending("unwritable");
            send(chatServer, messages, "unwritable");
            chatServer.flush();

            assertThatThrownBy(() -> floor.await(Duration.ofSeconds(60)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("relay failed")
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    private static Properties streamsProperties() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, TestTopics.uniqueName("floor"));
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"); // the floor sets its own
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "1");
        return properties;
    }

    private static KafkaProducer<byte[], byte[]> producer(String servers) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String id) {
        byte[] key = ("c-" + id).getBytes(StandardCharsets.UTF_8);
        byte[] value = ("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"chat.message.sent\"}")
                .getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, value));
    }
}
