package dev.chathooks.processor.dispatch.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's {@link MockConsumer} (offsets reset to the earliest), which keeps every commit asked of it, in order. An
 * empty poll waits a millisecond, as a real consumer would wait for records, so that the poll loop does not spin.
 */
final class RecordingMockConsumer extends MockConsumer<byte[], byte[]> {
    private final List<Map<TopicPartition, Long>> commits = new CopyOnWriteArrayList<>();

    RecordingMockConsumer() {
        super("earliest");
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
        if (records.isEmpty()) {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
        return records;
    }

    @Override
    public synchronized void commitAsync(
            Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        commits.add(offsets.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset())));
        super.commitAsync(offsets, callback);
    }

    /** Every commit so far (synchronous ones included), oldest first. */
    List<Map<TopicPartition, Long>> commits() {
        return List.copyOf(commits);
    }

    /** The offset committed last on {@code partition}, or -1 if none was. */
    long committedOffset(TopicPartition partition) {
        long offset = -1;
        for (Map<TopicPartition, Long> commit : commits) {
            offset = commit.getOrDefault(partition, offset);
        }
        return offset;
    }
}
