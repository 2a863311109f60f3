package dev.chathooks.processor.rewind;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.dispatch.HookGroups;
import dev.chathooks.processor.kafka.ClientProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Rewinds one hook: moves its consumer group on the invocations topic to a time or an offset, so that the hook
 * re-runs from there; other hooks are not affected. The one way to rewind a hook, whether the processor runs or not:
 * <ol>
 *   <li>The offsets to move to are found in every partition of the invocations topic.</li>
 *   <li>If the hook's group has no active member (the processor is stopped), its offsets are moved here, and the
 *       hook goes on from them when it starts again.</li>
 *   <li>Otherwise (or if a member joined meanwhile) the running instances are asked through the control topic, and
 *       each moves the partitions it owns; this waits until every partition is answered for, or the timeout.</li>
 * </ol>
 */
public final class HookRewind {
    private static final String CLIENT_ID = "chat-hooks-rewind";

    private HookRewind() {}

    /**
     * Where to rewind to: a time (epoch milliseconds; in each partition the first record at or after it, the end
     * where there is none) or an offset (in every partition, within what the partition holds).
     */
    public record Target(Long time, Long offset) {
        public Target {
            if ((time == null) == (offset == null)) {
                throw new IllegalArgumentException("a rewind goes to a time or to an offset: give exactly one");
            }
        }

        /** The first record at or after {@code epochMillis}. */
        public static Target time(long epochMillis) {
            return new Target(epochMillis, null);
        }

        /** {@code offset} in every partition. */
        public static Target offset(long offset) {
            return new Target(null, offset);
        }
    }

    /**
     * How a rewind went.
     *
     * @param group the hook's consumer group
     * @param topic the invocations topic
     * @param byRunningInstances whether running instances moved the offsets (else they were moved while the group
     *     had no member)
     * @param rewound the partitions moved, at their new offsets
     * @param instances the instances that moved them (empty when the group had no member)
     * @param failed the partitions an instance could not move, with its error
     * @param unanswered the partitions no instance answered for in time
     */
    public record Outcome(
            String group,
            String topic,
            boolean byRunningInstances,
            Map<Integer, Long> rewound,
            Set<String> instances,
            Map<Integer, String> failed,
            Set<Integer> unanswered) {
        /** Whether every partition was moved. */
        public boolean complete() {
            return failed.isEmpty() && unanswered.isEmpty();
        }
    }

    /**
     * Rewinds {@code hook}.
     *
     * @param config the processor's configuration (its application id, topics and Kafka client properties)
     * @param bootstrapServers the cluster
     * @param timeout how long running instances have to answer; the request expires then, and no instance applies
     *     it later
     * @throws IllegalStateException if the group has active members and they cannot be asked (the control topic
     *     does not exist, or the request cannot be written); the message says why
     * @throws ExecutionException if the cluster refused a request (the invocations topic does not exist...)
     * @throws TimeoutException if the cluster did not answer in time
     */
    public static Outcome rewind(
            ChatHooksConfig config, String bootstrapServers, String hook, Target target, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        String group = HookGroups.of(config, hook);
        String topic = config.topics().invocations();
        Map<Integer, Long> byPartition = new TreeMap<>();
        try (Admin admin = Admin.create(ClientProperties.admin(config, bootstrapServers))) {
            Map<TopicPartition, Long> targets = GroupOffsets.targets(admin, topic, target);
            targets.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
            if (GroupOffsets.activeMembers(admin, group) == 0) {
                try {
                    GroupOffsets.moveWithoutMembers(admin, group, targets);
                    return new Outcome(group, topic, false, byPartition, Set.of(), Map.of(), Set.of());
                } catch (IllegalStateException e) {
                    // A member joined meanwhile: ask the running instances instead.
                }
            }
        }
        Properties consumer = ClientProperties.groupless(config, bootstrapServers, CLIENT_ID);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(ClientProperties.producer(config, bootstrapServers, CLIENT_ID))) {
            RewindRequester.Answers answers =
                    RewindRequester.request(consumer, producer, ControlTopic.name(config), hook, byPartition, timeout);
            return new Outcome(
                    group, topic, true, answers.rewound(), answers.instances(), answers.failed(), answers.unanswered());
        }
    }
}
