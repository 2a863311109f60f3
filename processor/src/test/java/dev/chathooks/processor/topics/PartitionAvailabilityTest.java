package dev.chathooks.processor.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Which partitions the watch counts as unavailable, from descriptions as Kafka's Admin client gives them. The
 * watch itself, against brokers killed for real, is tested by BrokerLossTest (cli module).
 */
class PartitionAvailabilityTest {
    private static final Node A = new Node(0, "a", 9092);
    private static final Node B = new Node(1, "b", 9092);
    private static final Node C = new Node(2, "c", 9092);

    @Test
    void countsPartitionsWithoutLeaderAndThoseWithFewerInSyncReplicasThanTheirMinimum() {
        TopicDescription messages = new TopicDescription(
                "chat.messages",
                false,
                List.of(
                        partition(0, A, List.of(A, B, C)), // all in sync
                        partition(1, B, List.of(B, C)), // one lost: still takes writes with min.insync 2
                        partition(2, C, List.of(C)), // two lost: refuses acks=all writes
                        partition(3, null, List.of()))); // no leader
        TopicDescription control = new TopicDescription("hooks-control", false, List.of(partition(0, A, List.of(A))));

        Map<TopicPartition, String> unavailable = PartitionAvailability.unavailable(
                Map.of("chat.messages", messages, "hooks-control", control), Map.of("chat.messages", 2));

        assertThat(unavailable)
                .containsOnly(
                        Map.entry(new TopicPartition("chat.messages", 2), PartitionAvailability.TOO_FEW_IN_SYNC),
                        Map.entry(new TopicPartition("chat.messages", 3), PartitionAvailability.NO_LEADER));
    }

    @Test
    void findsTheOffsetsPartitionOfEachGroupAsKafkaDoes() {
        // Kafka places a group at abs(groupId.hashCode()) % partitions of __consumer_offsets (50 by default).
        assertThat(PartitionAvailability.coordinatorPartitions(List.of("chat-hooks", "chat-hooks-hook-push"), 50))
                .containsExactlyInAnyOrder(
                        Math.abs("chat-hooks".hashCode()) % 50, Math.abs("chat-hooks-hook-push".hashCode()) % 50);
    }

    private static TopicPartitionInfo partition(int id, Node leader, List<Node> isr) {
        return new TopicPartitionInfo(id, leader, List.of(A, B, C), isr);
    }
}
