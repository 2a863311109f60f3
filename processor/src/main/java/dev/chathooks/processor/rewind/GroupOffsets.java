package dev.chathooks.processor.rewind;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A hook's consumer group on the invocations topic, through the admin client: where a rewind's target falls in each
 * partition, whether the group has active members, and moving its offsets while it has none (Kafka refuses to move
 * the offsets of a group that is consuming; then the running instances move them, asked by {@link RewindRequester}).
 */
final class GroupOffsets {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private GroupOffsets() {}

    /**
     * The offsets to move to: for a time, in each partition the first offset whose timestamp is at or after it
     * (the end where there is none); for an offset, that offset, within what the partition holds.
     */
    static Map<TopicPartition, Long> targets(Admin admin, String topic, HookRewind.Target to)
            throws InterruptedException, ExecutionException, TimeoutException {
        Long toTime = to.time();
        TopicDescription description = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
        description.partitions().forEach(info -> {
            TopicPartition partition = new TopicPartition(topic, info.partition());
            earliest.put(partition, OffsetSpec.earliest());
            latest.put(partition, OffsetSpec.latest());
            if (toTime != null) {
                atTime.put(partition, OffsetSpec.forTimestamp(toTime));
            }
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> begin = list(admin, earliest);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = list(admin, latest);
        Map<TopicPartition, Long> targets = new HashMap<>();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found =
                toTime == null ? Map.of() : list(admin, atTime);
        for (TopicPartition partition : earliest.keySet()) {
            long first = begin.get(partition).offset();
            long last = end.get(partition).offset();
            long target;
            if (toTime != null) {
                long offset = found.get(partition).offset();
                target = offset < 0 ? last : offset;
            } else {
                target = to.offset();
            }
            targets.put(partition, Math.max(first, Math.min(last, target)));
        }
        return targets;
    }

    /** The number of active members of {@code group}. */
    static int activeMembers(Admin admin, String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                .all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(group);
        return description == null ? 0 : description.members().size();
    }

    /**
     * Commits {@code targets} as the group's offsets.
     *
     * @throws IllegalStateException if the group has active members
     */
    static void moveWithoutMembers(Admin admin, String group, Map<TopicPartition, Long> targets)
            throws InterruptedException, ExecutionException, TimeoutException {
        int members = activeMembers(admin, group);
        if (members > 0) {
            throw new IllegalStateException("group " + group + " has " + members + " active member(s)");
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        targets.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, offsets).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> list(
            Admin admin, Map<TopicPartition, OffsetSpec> query)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listOffsets(query).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
