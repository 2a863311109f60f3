package dev.chathooks.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chathooks.testsupport.KafkaIntegrationTest;
import dev.chathooks.testsupport.SharedKafka;
import dev.chathooks.testsupport.TestTopics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The hook consumers' group settings, and the warnings about a cluster whose group settings slow failover. */
@KafkaIntegrationTest
class GroupSessionsTest {
    private static final Duration SIX = Duration.ofSeconds(6);
    /** A broker's group settings as Kafka's defaults have them. */
    private static final Map<String, String> DEFAULT_BROKER = Map.of(
            "group.min.session.timeout.ms",
            "6000",
            "group.max.session.timeout.ms",
            "1800000",
            "group.consumer.session.timeout.ms",
            "45000",
            "group.consumer.min.session.timeout.ms",
            "45000",
            "group.streams.session.timeout.ms",
            "45000");

    @Test
    void theClassicProtocolGetsASixSecondSessionAndTheCooperativeAssignorUnlessSet() {
        Properties properties = new Properties();
        GroupSessions.tuneHookConsumer(properties, "classic");
        assertThat(properties)
                .containsEntry("group.protocol", "classic")
                .containsEntry("session.timeout.ms", "6000")
                .containsEntry("heartbeat.interval.ms", "1000")
                .containsEntry(
                        "partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");

        Properties own = new Properties();
        own.put("session.timeout.ms", "10000");
        GroupSessions.tuneHookConsumer(own, "classic");
        assertThat(own).containsEntry("session.timeout.ms", "10000");
    }

    @Test
    void theConsumerProtocolDropsTheClassicSettingsItWouldRefuse() {
        Properties properties = new Properties();
        properties.put("session.timeout.ms", "10000");
        properties.put("heartbeat.interval.ms", "1000");
        GroupSessions.tuneHookConsumer(properties, "consumer");
        assertThat(properties)
                .containsEntry("group.protocol", "consumer")
                .doesNotContainKeys("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy");
    }

    @Test
    void theDefaultsOnABrokerWithKafkasDefaultsAreNotWarnedAbout() {
        assertThat(GroupSessions.warnings(DEFAULT_BROKER, new GroupSessions.Groups("classic", SIX, "classic", SIX)))
                .isEmpty();
    }

    @Test
    void aBrokerSetSessionOverEightSecondsIsNamedWithItsSetting() {
        assertThat(GroupSessions.warnings(DEFAULT_BROKER, new GroupSessions.Groups("classic", SIX, "consumer", SIX)))
                .singleElement()
                .asString()
                .contains("45000 ms (group.consumer.session.timeout.ms)")
                .contains("dispatch.group-protocol=classic");
        assertThat(GroupSessions.warnings(DEFAULT_BROKER, new GroupSessions.Groups("streams", SIX, "classic", SIX)))
                .singleElement()
                .asString()
                .contains("group.streams.session.timeout.ms");
        assertThat(GroupSessions.warnings(
                        Map.of("group.consumer.session.timeout.ms", "6000"),
                        new GroupSessions.Groups("classic", SIX, "consumer", SIX)))
                .isEmpty();
    }

    @Test
    void aBrokerThatRefusesTheSessionIsNamedWithItsMinimum() {
        assertThat(GroupSessions.warnings(
                        Map.of("group.min.session.timeout.ms", "10000"),
                        new GroupSessions.Groups("classic", SIX, "classic", SIX)))
                .singleElement()
                .asString()
                .contains("group.min.session.timeout.ms")
                .contains("the topology's and the hooks' groups")
                .contains("session.timeout.ms to 10000");
    }

    @Test
    void aRealBrokersDefaultConsumerGroupSessionIsReadAndNamed() {
        try (Admin admin = TestTopics.admin(SharedKafka.bootstrapServers())) {
            assertThat(GroupSessions.warnAboutCluster(
                            admin, new GroupSessions.Groups("classic", SIX, "classic", SIX), Duration.ofSeconds(10)))
                    .isEmpty();
            assertThat(GroupSessions.warnAboutCluster(
                            admin, new GroupSessions.Groups("classic", SIX, "consumer", SIX), Duration.ofSeconds(10)))
                    .singleElement()
                    .asString()
                    .contains("45000 ms (group.consumer.session.timeout.ms)");
        }
    }
}
