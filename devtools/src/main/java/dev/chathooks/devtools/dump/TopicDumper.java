package dev.chathooks.devtools.dump;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads live topics into topic dump records: every partition from a start (the beginning, an offset, or a time)
 * to an end (the end offsets when the dump began, an offset, or a time), merged in timestamp order, so that a
 * replay or a load of the dump sees events in the order they happened. It does not join a consumer group and
 * commits nothing.
 */
public final class TopicDumper {
    private TopicDumper() {}

    /**
     * The range to read.
     *
     * @param fromTime first timestamp included (epoch ms), or null
     * @param toTime first timestamp excluded, or null
     * @param fromOffset first offset of each partition, or null
     * @param toOffset first offset excluded in each partition, or null
     */
    public record Range(Long fromTime, Long toTime, Long fromOffset, Long toOffset) {
        /** Everything there is now. */
        public static final Range ALL = new Range(null, null, null, null);
    }

    /**
     * Reads {@code topics} in {@code range} and hands the records to {@code sink} in timestamp order (ties in
     * topic, partition and offset order).
     *
     * @return how many records were read
     * @throws IllegalArgumentException naming a topic that does not exist
     */
    public static long dump(
            KafkaConsumer<byte[], byte[]> consumer, Collection<String> topics, Range range, Consumer<DumpRecord> sink) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("Topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
        seekToStart(consumer, partitions, range);
        if (range.toOffset() != null) {
            ends.replaceAll((partition, end) -> Math.min(end, range.toOffset()));
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<TopicPartition, Long> remaining = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(partition)) {
                remaining.put(partition, ends.get(partition));
            }
        }
        consumer.pause(
                partitions.stream().filter(p -> !remaining.containsKey(p)).toList());
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = remaining.get(partition);
                if (end == null || record.offset() >= end) {
                    continue;
                }
                if (range.toTime() == null || record.timestamp() < range.toTime()) {
                    records.add(record);
                }
            }
            for (TopicPartition partition : new ArrayList<>(remaining.keySet())) {
                if (consumer.position(partition) >= remaining.get(partition)) {
                    remaining.remove(partition);
                    consumer.pause(List.of(partition));
                }
            }
        }
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                .thenComparing(ConsumerRecord::topic)
                .thenComparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        records.forEach(record -> sink.accept(toDumpRecord(record)));
        return records.size();
    }

    private static void seekToStart(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Range range) {
        if (range.fromTime() != null) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(partition -> query.put(partition, range.fromTime()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp found = offsets.get(partition);
                consumer.seek(partition, found == null ? ends.get(partition) : found.offset());
            }
        } else if (range.fromOffset() != null) {
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            partitions.forEach(
                    partition -> consumer.seek(partition, Math.max(range.fromOffset(), beginnings.get(partition))));
        } else {
            consumer.seekToBeginning(partitions);
        }
    }

    private static DumpRecord toDumpRecord(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new DumpRecord(
                record.topic(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                record.timestamp(),
                record.value(),
                headers);
    }
}
