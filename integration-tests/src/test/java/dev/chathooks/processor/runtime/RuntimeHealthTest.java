package dev.chathooks.processor.runtime;

import static dev.chathooks.testsupport.ManagementGet.body;
import static dev.chathooks.testsupport.ManagementGet.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.dispatch.consumer.KeyOrderedConsumer;
import dev.chathooks.processor.management.ManagementServer;
import dev.chathooks.processor.metrics.ChatHooksMetrics;
import dev.chathooks.testsupport.Await;
import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health from real parts on the shared broker, served by the real endpoint: ready once Kafka Streams runs and the
 * hook's consumer has joined its group; not live once the topology has stopped or the hook's consumer has.
 */
@KafkaIntegrationTest
class RuntimeHealthTest {
    @TempDir
    Path state;

    @Test
    void readyWhenEverythingRunsAndNotLiveOnceTheTopologyOrAConsumerStops() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String input = TestTopics.createUnique(servers, "health-in", 2);
        String invocations = TestTopics.createUnique(servers, "health-invocations", 2);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input).to(TestTopics.uniqueName("health-out"));
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, TestTopics.uniqueName("health-app"));
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        properties.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        KafkaStreams streams = new KafkaStreams(builder.build(), properties);
        SupervisedConsumer consumer = new SupervisedConsumer(
                "push",
                () -> KeyOrderedConsumer.builder()
                        .bootstrapServers(servers)
                        .groupId(TestTopics.uniqueName("health-push"))
                        .topic(invocations)
                        .property(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                        .closeTimeout(Duration.ofSeconds(1))
                        .handler(record -> CompletableFuture.completedFuture(null))
                        .build());
        RuntimeHealth health = new RuntimeHealth(streams::state, Map.of("push", consumer), List::of);
        try (ChatHooksMetrics metrics = ChatHooksMetrics.bare();
                ManagementServer server = ManagementServer.start("127.0.0.1", 0, metrics)) {
            server.health(health);

            assertThat(status(server, "/health/ready")).isEqualTo(503);
            assertThat(health.ready().problems())
                    .anyMatch(p -> p.contains("not RUNNING"))
                    .anyMatch(p -> p.contains("hook 'push' has not joined"));

            streams.start();
            consumer.start();
            Await.until(
                    "ready",
                    Duration.ofSeconds(60),
                    () -> status(server, "/health/ready") == 200,
                    () -> health.ready().toString());
            assertThat(status(server, "/health/live")).isEqualTo(200);

            streams.close(Duration.ofSeconds(30));
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
            assertThat(status(server, "/health/live")).isEqualTo(503);
            assertThat(body(server, "/health/live")).contains("NOT_RUNNING");
            assertThat(status(server, "/health/ready")).isEqualTo(503);

            consumer.close();
            assertThat(health.live().problems()).anyMatch(p -> p.contains("the consumer of hook 'push' has stopped"));
        } finally {
            streams.close(Duration.ofSeconds(30));
            consumer.close();
        }
    }
}
