package dev.chathooks.processor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSpecTest {
    @Test
    void compactedSetsTheCleanupPolicyAndKeepsOtherConfigs() {
        TopicSpec spec =
                TopicSpec.of("chat.users", 3).withConfig("retention.ms", "1000").compacted();

        assertThat(spec.configs()).isEqualTo(Map.of("retention.ms", "1000", "cleanup.policy", "compact"));
        assertThat(spec.partitions()).isEqualTo(3);
        assertThat(spec.replicationFactor()).isEqualTo(TopicSpec.BROKER_DEFAULT);
    }

    @Test
    void rejectsAnIllegalName() {
        assertThatThrownBy(() -> TopicSpec.of("chat messages", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'chat messages' is not a legal Kafka topic name");
    }

    @Test
    void rejectsZeroPartitions() {
        assertThatThrownBy(() -> TopicSpec.of("chat.messages", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one partition");
    }
}
