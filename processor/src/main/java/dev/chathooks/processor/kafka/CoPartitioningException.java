package dev.chathooks.processor.kafka;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Topics that must be co-partitioned are not: their partition counts differ, or some do not exist. The message
 * names every topic with its partition count and says how to fix it.
 */
public final class CoPartitioningException extends TopicSetupException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, OptionalInt> partitionCounts;

    CoPartitioningException(String message, Map<String, OptionalInt> partitionCounts) {
        super(message);
        this.partitionCounts = Map.copyOf(partitionCounts);
    }

    /** Each checked topic's partition count; empty for a topic that does not exist. */
    public Map<String, OptionalInt> partitionCounts() {
        return partitionCounts;
    }
}
