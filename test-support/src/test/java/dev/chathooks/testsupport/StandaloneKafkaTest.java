package dev.chathooks.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.processor.kafka.TopicSpec;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The standalone-broker fixture: Kafka's defaults, and a broker killed and restarted keeps its data. */
@KafkaIntegrationTest
class StandaloneKafkaTest {

    @Test
    void aKilledBrokerComesBackOnItsOwnDiskWithKafkasDefaultGroupSettings() throws Exception {
        try (StandaloneKafka kafka = StandaloneKafka.start(1)) {
            String servers = kafka.bootstrapServers();
            try (Admin admin = TestTopics.admin(servers)) {
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "0")))
                        .all()
                        .get()
                        .values()
                        .iterator()
                        .next();
                // Kafka's defaults, not the embedded broker's tuning.
                assertThat(config.get("group.consumer.session.timeout.ms").value())
                        .isEqualTo("45000");
                assertThat(config.get("group.initial.rebalance.delay.ms").value())
                        .isEqualTo("3000");
                assertThat(config.get("offsets.topic.replication.factor").value())
                        .isEqualTo("1");
            }
            String topic = TestTopics.uniqueName("standalone");
            TestTopics.create(servers, TopicSpec.of(topic, 1));
            TestRecords.produce(servers, List.of(TestRecords.record(topic, "k", "before the kill")));

            kafka.kill(0);
            assertThat(kafka.alive(0)).isFalse();
            kafka.restart(0);

            assertThat(kafka.alive(0)).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo(servers);
            assertThat(TestRecords.values(TestRecords.readAll(servers, topic, 1, Duration.ofSeconds(30))))
                    .containsExactly("before the kill");
        }
    }
}
