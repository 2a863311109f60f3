package dev.chathooks.processor.rewind;

import dev.chathooks.processor.config.ChatHooksConfig;
import dev.chathooks.processor.kafka.TopicSpec;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Where the control topic is and how it is made. */
public final class ControlTopic {
    /** Messages are acted on within a minute or two; a day leaves time to read what happened. */
    private static final Duration RETENTION = Duration.ofDays(1);

    private ControlTopic() {}

    /** {@code <application.id>-control}. */
    public static String name(ChatHooksConfig config) {
        return config.applicationId() + "-control";
    }

    /** One partition, so that every message is read in the order it was written, kept for a day. */
    public static TopicSpec spec(ChatHooksConfig config) {
        return TopicSpec.of(name(config), 1).withConfig("retention.ms", Long.toString(RETENTION.toMillis()));
    }

    /**
     * Assigns {@code consumer} every partition of {@code topic} ({@code partitions}, as the broker listed them) at
     * its end, and fixes those positions before returning: what is read next was written after this call.
     */
    static void readFromNowOn(Consumer<?, ?> consumer, String topic, List<PartitionInfo> partitions) {
        List<TopicPartition> assigned = partitions.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
    }
}
