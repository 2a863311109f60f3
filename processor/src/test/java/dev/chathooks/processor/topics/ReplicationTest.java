package dev.chathooks.processor.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.config.ConfigException;
import dev.chathooks.processor.kafka.TopicSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReplicationTest {
    private final Replication defaults = new Replication((short) 3, 2);

    @Test
    void keepsTheConfiguredReplicationOnAClusterLargeEnough() {
        assertThat(defaults.cappedTo(3)).isEqualTo(defaults);
        assertThat(defaults.cappedTo(5)).isEqualTo(defaults);
    }

    @Test
    void lowersTheFactorToTheBrokersAndTheMinimumInSyncToOneLessSoThatLosingABrokerStillTakesWrites() {
        assertThat(defaults.cappedTo(2)).isEqualTo(new Replication((short) 2, 1));
        assertThat(defaults.cappedTo(1)).isEqualTo(Replication.SINGLE);
        assertThat(new Replication((short) 5, 3).cappedTo(4)).isEqualTo(new Replication((short) 4, 3));
    }

    @Test
    void setsTheFactorAndTheMinimumInSyncOfASpecUnlessItHasItsOwn() {
        TopicSpec replicated = defaults.apply(TopicSpec.of("chat.messages", 6).compacted());

        assertThat(replicated.replicationFactor()).isEqualTo((short) 3);
        assertThat(replicated.configs())
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("cleanup.policy", "compact");
        TopicSpec own = TopicSpec.of("t", 1).withReplicationFactor((short) 5).withConfig("min.insync.replicas", "4");
        assertThat(defaults.apply(own)).isEqualTo(own);
    }

    @Test
    void setsKafkaStreamsInternalTopicsUnlessTheUserDid() {
        Properties properties = new Properties();
        defaults.applyTo(properties);
        assertThat(properties)
                .containsEntry("replication.factor", "3")
                .containsEntry("topic.min.insync.replicas", "2")
                .containsEntry("producer.acks", "all");

        Properties own = new Properties();
        own.put("replication.factor", "5");
        defaults.applyTo(own);
        assertThat(own).containsEntry("replication.factor", "5");
    }

    @Test
    void isOneCopyOnTheEmbeddedBrokerWithoutAskingIt() {
        // No bootstrap.servers: the embedded broker. The admin is never used, so none is given.
        assertThat(Replication.forCluster(null, ChatHooksConfig.defaultConfig(), Duration.ofSeconds(1)))
                .isEqualTo(Replication.SINGLE);
    }

    @Test
    void refusesAMinimumInSyncLargerThanTheFactorNamingBothKeys() {
        assertThatThrownBy(() ->
                        ChatHooksConfig.of(Map.of("topics.replication-factor", "2", "topics.min-insync-replicas", "3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topics.min-insync-replicas=3")
                .hasMessageContaining("topics.replication-factor=2");
    }
}
