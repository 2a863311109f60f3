package dev.chathooks.processor.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the dead-letter topic, every partition from an offset to its end as it is when reading starts, without a
 * consumer group (nothing is committed, and the processor's own reading is not disturbed).
 */
public final class DeadLetterReader {
    private final String deadLetterTopic;

    public DeadLetterReader(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    /**
     * The dead letters from {@code fromOffset} on that match the filters.
     *
     * @param hook only {@code hook-failed} dead letters of this hook, or null for all
     * @param code only dead letters with this reason code, or null for all
     * @throws IllegalArgumentException if the topic does not exist
     */
    public List<DeadLetter> list(KafkaConsumer<byte[], byte[]> consumer, long fromOffset, String hook, String code) {
        List<DeadLetter> letters = new ArrayList<>();
        read(consumer, fromOffset, letter -> {
            if (letter.matches(hook, code)) {
                letters.add(letter);
            }
        });
        return letters;
    }

    /**
     * Hands every dead letter from {@code fromOffset} (in each partition) to the end as it is now to {@code sink}.
     *
     * @param consumer a consumer outside any group; it is assigned the topic's partitions
     * @throws IllegalArgumentException if the topic does not exist
     */
    void read(KafkaConsumer<byte[], byte[]> consumer, long fromOffset, Consumer<DeadLetter> sink) {
        List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("The dead-letter topic " + deadLetterTopic + " does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        partitions.forEach(partition -> consumer.seek(partition, Math.max(fromOffset, beginnings.get(partition))));
        ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        while (!ends.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = ends.get(partition);
                if (end != null && record.offset() < end) {
                    sink.accept(DeadLetter.read(record));
                }
            }
            ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        }
    }
}
