package dev.chathooks.processor.dispatch.consumer;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * A snapshot of a {@link KeyOrderedConsumer}'s counters.
 *
 * @param handled records finished since start, failed ones included
 * @param failed records whose handler failed (completed exceptionally, threw or returned null)
 * @param inFlight records fetched and not finished or dropped: running or waiting for their key
 * @param peakInFlight the highest {@code inFlight} seen since start; never above the configured maximum
 * @param pauses how many times fetching was paused because {@code inFlight} neared the maximum
 * @param paused whether fetching is paused now
 * @param assigned the partitions this consumer owns now
 * @param committed per partition, the last offset committed by this consumer (the next record to handle)
 */
public record ConsumerStats(
        long handled,
        long failed,
        int inFlight,
        int peakInFlight,
        long pauses,
        boolean paused,
        Set<TopicPartition> assigned,
        Map<TopicPartition, Long> committed) {
    public ConsumerStats {
        assigned = Set.copyOf(assigned);
        committed = Map.copyOf(committed);
    }
}
