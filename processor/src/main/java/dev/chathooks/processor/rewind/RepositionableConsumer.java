package dev.chathooks.processor.rewind;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;

/**
 * What a rewind needs of the consumer a hook runs on in this instance: which partitions it owns, and moving them.
 * The consumer does the moving itself, on its own poll thread, because Kafka lets only a group's members move
 * the offsets of a group that is consuming.
 */
public interface RepositionableConsumer {
    /** The topic it consumes (the invocations topic). */
    String topic();

    /** The partitions of {@link #topic()} it owns now. */
    Set<TopicPartition> assigned();

    /**
     * Moves the partitions of {@code offsets} that it owns to those offsets, once what it is handling of them is
     * finished, and commits them there; other partitions are left alone.
     *
     * @return completes with the partitions moved and their new offsets, exceptionally if they could not be
     *     committed
     */
    CompletionStage<Map<TopicPartition, Long>> reposition(Map<TopicPartition, Long> offsets);
}
