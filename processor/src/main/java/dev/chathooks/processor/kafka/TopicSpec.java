package dev.chathooks.processor.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic that must exist: its name, partition count, replication factor and topic configs (such as
 * {@code cleanup.policy=compact}). Partition count and replication factor may be {@link #BROKER_DEFAULT}, which
 * leaves them to the broker's {@code num.partitions} and {@code default.replication.factor}.
 *
 * @param name a legal Kafka topic name
 * @param partitions a positive count, or {@link #BROKER_DEFAULT}
 * @param replicationFactor a positive factor, or {@link #BROKER_DEFAULT}
 * @param configs topic configs to set when the topic is created
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    /** Leaves the partition count or replication factor to the broker's default. */
    public static final short BROKER_DEFAULT = -1;

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        Objects.requireNonNull(name, "name is null");
        if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a legal Kafka topic name: use 1 to 249 of "
                    + "the characters a-z, A-Z, 0-9, '.', '_' and '-'");
        }
        if (partitions < 1 && partitions != BROKER_DEFAULT) {
            throw new IllegalArgumentException("Topic " + name + " needs at least one partition, not " + partitions);
        }
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT) {
            throw new IllegalArgumentException(
                    "Topic " + name + " needs a replication factor of at least 1, not " + replicationFactor);
        }
        configs = Map.copyOf(Objects.requireNonNull(configs, "configs is null"));
    }

    /** A topic with {@code partitions} partitions, the broker's replication factor and no configs. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, BROKER_DEFAULT, Map.of());
    }

    /** This topic with {@code replicationFactor} replicas per partition. */
    public TopicSpec withReplicationFactor(short replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, configs);
    }

    /** This topic with the topic config {@code key} set to {@code value}. */
    public TopicSpec withConfig(String key, String value) {
        Map<String, String> merged = new TreeMap<>(configs);
        merged.put(Objects.requireNonNull(key, "key is null"), Objects.requireNonNull(value, "value is null"));
        return new TopicSpec(name, partitions, replicationFactor, merged);
    }

    /** The request that creates this topic. */
    public NewTopic newTopic() {
        Optional<Integer> partitionCount = partitions == BROKER_DEFAULT ? Optional.empty() : Optional.of(partitions);
        Optional<Short> replication =
                replicationFactor == BROKER_DEFAULT ? Optional.empty() : Optional.of(replicationFactor);
        return new NewTopic(name, partitionCount, replication).configs(configs);
    }

    /** This topic, compacted: Kafka keeps the latest record of each key (for tables such as users). */
    public TopicSpec compacted() {
        return withConfig("cleanup.policy", "compact");
    }
}
